"""What the public API shows. Nothing here reads editors' names, notes or unpublished data."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factcheck import ratings
from factcheck.models import Claim, Correction, Evidence, Verdict
from sources.models import Outlet, Source


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def public_path(verdict: Verdict) -> str:
    return reverse("factchecks:detail", args=[verdict.slug])


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ["id", "name", "domain", "homepage"]


class SourceSerializer(serializers.ModelSerializer):
    outlet = serializers.CharField(source="outlet.name", default=None, allow_null=True)
    outlet_id = serializers.IntegerField(allow_null=True)

    class Meta:
        model = Source
        fields = ["id", "title", "outlet", "outlet_id", "url", "published_at", "language"]


class RatingSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.IntegerField(
        allow_null=True, help_text="Position on the truth scale; null for off-scale ratings."
    )
    best = serializers.IntegerField()
    worst = serializers.IntegerField()


def rating_of(key: str) -> dict:
    rating = ratings.get(key)
    worst, best = ratings.bounds()
    return {
        "key": key,
        "label": rating.label if rating else key,
        "value": rating.value if rating else None,
        "best": best,
        "worst": worst,
    }


class AppearanceSerializer(serializers.ModelSerializer):
    sentence = serializers.CharField(source="text")
    source = SourceSerializer()

    class Meta:
        model = Claim
        fields = ["id", "sentence", "speaker", "source"]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = ["title", "url", "publisher", "note"]


class CorrectionSerializer(serializers.ModelSerializer):
    previous_rating = serializers.SerializerMethodField()

    class Meta:
        model = Correction
        fields = ["corrected_at", "note", "previous_rating", "previous_summary"]

    @extend_schema_field(RatingSerializer)
    def get_previous_rating(self, correction: Correction) -> dict:
        return rating_of(correction.previous_rating)


class PublisherSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField(allow_blank=True)


class FactCheckSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="The public page of this fact-check.")
    claim_reviewed = serializers.CharField(source="group.canonical_text")
    rating = serializers.SerializerMethodField()
    evidence = EvidenceSerializer(source="group.evidence", many=True)
    appearances = AppearanceSerializer(source="group.appearances", many=True)
    corrections = CorrectionSerializer(many=True)
    publisher = serializers.SerializerMethodField()

    class Meta:
        model = Verdict
        fields = [
            "id",
            "url",
            "claim_reviewed",
            "rating",
            "summary",
            "explanation",
            "evidence",
            "appearances",
            "published_at",
            "last_corrected_at",
            "corrections",
            "publisher",
        ]

    def get_url(self, verdict: Verdict) -> str:
        return absolute(self.context.get("request"), public_path(verdict))

    @extend_schema_field(RatingSerializer)
    def get_rating(self, verdict: Verdict) -> dict:
        return rating_of(verdict.rating)

    @extend_schema_field(PublisherSerializer)
    def get_publisher(self, verdict: Verdict) -> dict:
        return {
            "name": settings.FACTDESK_ORGANISATION_NAME,
            "url": settings.FACTDESK_ORGANISATION_URL,
        }


class ClaimSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="claim_type")
    source = SourceSerializer()
    fact_check = serializers.IntegerField(source="group.verdict.id")

    class Meta:
        model = Claim
        fields = ["id", "text", "type", "speaker", "is_quote", "facts", "source", "fact_check"]


class MatchSerializer(serializers.Serializer):
    score = serializers.FloatField(help_text="In [0, 1]; higher is a closer match.")
    url = serializers.CharField(help_text="Where the fact-check is published.")
    claim_reviewed = serializers.CharField()
    rating = serializers.CharField(help_text="The rating as its publisher worded it.")
    publisher = serializers.CharField()
    date_published = serializers.DateField(allow_null=True)
    fact_check = serializers.IntegerField(
        allow_null=True, help_text="Id in this API when it is one of ours, else null."
    )
