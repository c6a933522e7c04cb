"""Factories for the models, shared by every test module."""

import hashlib

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from sources.models import Outlet, Source, SourceFormat, SourceVersion


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("correct horse battery staple")


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    domain = factory.Sequence(lambda n: f"outlet{n}.example")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    outlet = factory.SubFactory(OutletFactory)
    # A headline about what the body says, as a real article's is (comparison reads both).
    title = factory.LazyAttribute(lambda source: source.body.split(".")[0].strip()[:120])
    url = factory.Sequence(lambda n: f"https://news.example/articles/{n}")
    published_at = factory.LazyFunction(timezone.now)
    language = "en"
    body = factory.Sequence(
        lambda n: (
            f"The council approved a budget of {n + 10} million euros on Tuesday.\n\n"
            "Critics said the plan was rushed."
        )
    )
    raw_text = factory.LazyAttribute(lambda source: source.body)
    origin = factory.Sequence(lambda n: f"tests/article-{n}.txt")
    format = SourceFormat.TEXT
    content_hash = factory.LazyAttribute(
        lambda source: hashlib.sha256(f"{source.title}\n\n{source.body}".encode()).hexdigest()
    )


class SourceVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceVersion

    source = factory.SubFactory(SourceFactory)
    version = 1
    title = factory.LazyAttribute(lambda version: version.source.title)
    body = "An earlier text of the article."
    raw_text = "An earlier text of the article."
    origin = factory.LazyAttribute(lambda version: version.source.origin)
    content_hash = "0" * 64
    imported_at = factory.LazyFunction(timezone.now)


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "factcheck.Claim"

    source = factory.SubFactory(SourceFactory)
    source_version = factory.LazyAttribute(lambda claim: claim.source.version)
    text = factory.LazyAttribute(lambda claim: claim.source.body.split("\n\n")[0])
    start = 0
    end = factory.LazyAttribute(lambda claim: len(claim.text))
    paragraph = 0
    score = 0.8
    claim_type = "quantity"
    facts = factory.LazyFunction(
        lambda: {
            "quantities": [
                {
                    "text": "over 160",
                    "start": 0,
                    "end": 8,
                    "value": 160.0,
                    "low": 160.0,
                    "high": None,
                    "low_inclusive": False,
                    "high_inclusive": False,
                    "qualifier": "over",
                    "unit": None,
                    "counted": "party",
                    "of_what": None,
                    "per": None,
                    "is_percentage": False,
                }
            ],
            "dates": [],
            "actors": [],
            "attribution": None,
            "signals": ["number"],
            "types": ["quantity"],
            "type_cues": ["number"],
        }
    )


class ClaimGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "factcheck.ClaimGroup"

    canonical_text = "Over 160 countries are parties to the treaty."


class ClaimLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "factcheck.ClaimLink"

    left = factory.SubFactory(ClaimFactory)
    right = factory.SubFactory(ClaimFactory)
    relation = "contradicts"
    confidence = 0.9
    reason = "One source says over 160 parties, the other 133 nations."
    differences = factory.LazyFunction(
        lambda: [
            {
                "fact": "quantity",
                "left": "over 160 parties",
                "right": "133 nations",
                "explanation": "133 is not more than 160.",
            }
        ]
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        # Links are stored with the lower claim id on the left.
        if kwargs["left"].pk > kwargs["right"].pk:
            kwargs["left"], kwargs["right"] = kwargs["right"], kwargs["left"]
        return super()._create(model_class, *args, **kwargs)


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "factcheck.Verdict"

    group = factory.SubFactory(ClaimGroupFactory)
    rating = "false"
    summary = "The treaty has 164 states parties, not 133."
    explanation = "The treaty's depositary lists 164 states parties as of 2024."
    author = factory.SubFactory(UserFactory)


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "factcheck.Evidence"

    group = factory.SubFactory(ClaimGroupFactory)
    title = "States parties to the convention"
    url = "https://treaties.example/mine-ban/status"
    publisher = "Treaty depositary"
    note = "Lists every state that has ratified or acceded."


class ExternalFactCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "factcheck.ExternalFactCheck"

    url = factory.Sequence(lambda n: f"https://checker.example/checks/{n}")
    claim_reviewed = "The treaty has 133 states parties."
    publisher_name = "Checker"
    rating_text = "False"
    raw = factory.LazyFunction(dict)
    imported_from = "tests"


class ImportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "sources.ImportJob"

    kind = "file"
    target = "/imports/port.txt"


class FeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "sources.Feed"

    url = factory.Sequence(lambda n: f"https://wire{n}.example/feed.xml")
