"""Claims found in sources, and the editorial work done on them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from sources.models import Source


class ClaimType(models.TextChoices):
    """Full Fact's claim typology (Konstantinovskiy et al., 2021), one primary type per claim."""

    QUANTITY = "quantity", "Quantity (past or present)"
    PREDICTION = "prediction", "Prediction"
    CAUSATION = "causation", "Correlation or causation"
    LAW = "law", "Current laws or rules"
    PERSONAL = "personal", "Personal experience"
    OTHER = "other", "Other"


class ReviewStatus(models.TextChoices):
    NEEDS_REVIEW = "needs_review", "Needs review"
    IN_REVIEW = "in_review", "In review"
    NOT_CHECK_WORTHY = "not_check_worthy", "Not check-worthy"


class Claim(models.Model):
    """A check-worthy sentence found in one source.

    ``start``/``end`` are character offsets into ``source.body`` as it was at
    ``source_version``. ``facts`` holds the parsed facts; its shape is documented in
    ``factcheck/pipeline/extract.py`` (``Facts.as_json``).
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="claims")
    source_version = models.PositiveIntegerField(
        help_text="The source version whose text the offsets point into."
    )
    text = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    paragraph = models.PositiveIntegerField(help_text="0-based paragraph index in the source.")
    score = models.FloatField(help_text="Check-worthiness in [0, 1].")
    claim_type = models.CharField(max_length=16, choices=ClaimType.choices)
    is_attributed = models.BooleanField(
        default=False, help_text="Said by someone the text names, rather than by the outlet."
    )
    is_quote = models.BooleanField(default=False, help_text="Contains a direct quotation.")
    speaker = models.CharField(max_length=300, blank=True)
    facts = models.JSONField(default=dict, blank=True)
    context = models.TextField(
        blank=True, help_text="The sentence this claim depends on to read on its own."
    )
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.NEEDS_REVIEW
    )
    editor_note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_claims",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_version", "start", "end"], name="claim_span_unique"
            ),
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_span_not_empty"),
            models.CheckConstraint(
                condition=Q(score__gte=0) & Q(score__lte=1), name="claim_score_in_unit_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="claim_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(claim_type__in=ClaimType.values), name="claim_type_valid"
            ),
        ]
        indexes = [
            # The review queue: open claims, most check-worthy first.
            models.Index(fields=["status", "-score"], name="claim_queue_idx"),
            models.Index(fields=["claim_type", "-score"], name="claim_type_idx"),
            models.Index(fields=["-created_at"], name="claim_created_idx"),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 100 else self.text[:99] + "…"

    @property
    def is_touched(self) -> bool:
        """Has an editor worked on it? Such claims survive every re-extraction."""
        return (
            self.status != ReviewStatus.NEEDS_REVIEW
            or bool(self.editor_note)
            or self.reviewed_by_id is not None
        )
