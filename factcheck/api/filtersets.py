"""One FilterSet per public resource; every filter is documented in the OpenAPI schema."""

from datetime import UTC, timedelta

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field

from factcheck import ratings
from factcheck.models import Claim, ClaimKey, ClaimType, Verdict
from sources.models import Outlet, Source

MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """An object id: a positive integer (a float or an overflowing number is a 400)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class UtcDateTimeField(django_filters.fields.IsoDateTimeField):
    """ISO 8601, turned into UTC; offsets beyond ±14:00 (no such zone exists) are refused.

    A time without an offset is in the server's zone (``TIME_ZONE``), as Django reads it.
    """

    def to_python(self, value):
        parsed = super().to_python(value)
        if parsed is None or parsed.utcoffset() is None:
            return parsed
        if abs(parsed.utcoffset()) > timedelta(hours=14):
            raise forms.ValidationError("No time zone is more than 14 hours from UTC.")
        try:
            return parsed.astimezone(UTC)
        except OverflowError:
            # 0001-01-01T00:00+01:00 is in year 0 in UTC, which Python's datetime cannot hold.
            raise forms.ValidationError(
                "Dates must fall between the years 1 and 9999 in UTC."
            ) from None


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class TextField(forms.CharField):
    def to_python(self, value):
        text = super().to_python(value)
        if "\x00" in text:
            raise forms.ValidationError("Text may not contain NUL characters.")
        return text


class TextFilter(django_filters.CharFilter):
    """Free text; a NUL character (which no database stores) is a 400, not a 500."""

    field_class = TextField


def claims_with_actor(value: str):
    """Claims naming an actor (country, organisation, person), by its canonical name.

    The comparison index already keys every claim by its actors' canonical names, so this
    is an indexed lookup rather than a scan of the facts JSON.
    """
    return ClaimKey.objects.filter(key=f"a:{value.strip().lower()}").values("claim_id")


class FactCheckFilterSet(django_filters.FilterSet):
    rating = django_filters.MultipleChoiceFilter(
        choices=ratings.choices, help_text="Rating key; repeat for several."
    )
    outlet = IdFilter(
        method="filter_outlet", help_text="Outlet id: fact-checks with an appearance there."
    )
    source = IdFilter(
        method="filter_source", help_text="Source id: fact-checks with an appearance in it."
    )
    claim_type = django_filters.ChoiceFilter(
        choices=ClaimType.choices,
        method="filter_claim_type",
        help_text="Type of the claims checked.",
    )
    actor = TextFilter(
        method="filter_actor",
        help_text="Canonical name of a country, organisation or person in the claim, "
        "e.g. Poland, NATO.",
    )
    published_after = UtcDateTimeFilter(
        field_name="published_at", lookup_expr="gte", help_text="ISO 8601, inclusive."
    )
    published_before = UtcDateTimeFilter(
        field_name="published_at", lookup_expr="lt", help_text="ISO 8601, exclusive."
    )
    q = TextFilter(method="filter_text", help_text="Words in the claim, summary or explanation.")

    class Meta:
        model = Verdict
        fields = []

    def filter_outlet(self, queryset, name, value):
        return queryset.filter(group__claims__source__outlet_id=value).distinct()

    def filter_source(self, queryset, name, value):
        return queryset.filter(group__claims__source_id=value).distinct()

    def filter_claim_type(self, queryset, name, value):
        return queryset.filter(group__claims__claim_type=value).distinct()

    def filter_actor(self, queryset, name, value):
        return queryset.filter(group__claims__in=claims_with_actor(value)).distinct()

    def filter_text(self, queryset, name, value):
        return queryset.filter(
            Q(group__canonical_text__icontains=value)
            | Q(summary__icontains=value)
            | Q(explanation__icontains=value)
        )


class ClaimFilterSet(django_filters.FilterSet):
    claim_type = django_filters.ChoiceFilter(choices=ClaimType.choices)
    outlet = IdFilter(field_name="source__outlet_id", help_text="Outlet id.")
    source = IdFilter(field_name="source_id", help_text="Source id.")
    fact_check = IdFilter(field_name="group__verdict__id", help_text="Fact-check id.")
    actor = TextFilter(
        method="filter_actor", help_text="Canonical name of an actor named in the claim."
    )
    q = TextFilter(field_name="text", lookup_expr="icontains")

    class Meta:
        model = Claim
        fields = []

    def filter_actor(self, queryset, name, value):
        return queryset.filter(pk__in=claims_with_actor(value))


class SourceFilterSet(django_filters.FilterSet):
    outlet = IdFilter(field_name="outlet_id", help_text="Outlet id.")
    published_after = UtcDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UtcDateTimeFilter(field_name="published_at", lookup_expr="lt")
    q = TextFilter(field_name="title", lookup_expr="icontains")

    class Meta:
        model = Source
        fields = []


class OutletFilterSet(django_filters.FilterSet):
    q = TextFilter(field_name="name", lookup_expr="icontains")

    class Meta:
        model = Outlet
        fields = []
