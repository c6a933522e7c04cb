"""Claims found in sources, and the editorial work done on them."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from factcheck import ratings
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


class ClaimGroup(models.Model):
    """The same proposition as it appears across sources (and within one).

    Its id is the claim's stable identity: verdicts hang on it, and recomputing the
    comparison never dissolves or renumbers a group.
    """

    canonical_text = models.TextField(
        help_text="The clearest wording of the claim; editors may rewrite it."
    )
    canonical_claim = models.ForeignKey(
        "Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["-created_at", "-id"], name="group_created_idx")]

    def __str__(self) -> str:
        text = self.canonical_text
        return text if len(text) <= 100 else text[:99] + "…"


class Claim(models.Model):
    """A check-worthy sentence found in one source.

    ``start``/``end`` are character offsets into ``source.body`` as it was at
    ``source_version``. ``facts`` holds the parsed facts; its shape is documented in
    ``factcheck/pipeline/facts.py`` (``Facts.to_json``).
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
    group = models.ForeignKey(
        ClaimGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims"
    )
    group_locked = models.BooleanField(
        default=False, help_text="An editor placed this claim; recomputation never moves it."
    )
    compared_at = models.DateTimeField(
        null=True, blank=True, help_text="When it was last compared; empty means pending."
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
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    has_contradiction = models.BooleanField(
        default=False, help_text="Another claim contradicts it and no editor rejected that link."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Machine writes use bulk operations and leave no history; every editor's save does.
    history = HistoricalRecords(excluded_fields=["updated_at", "facts", "compared_at"])

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
            # The review queue: contradictions first, then the most check-worthy, per status.
            models.Index(
                fields=["status", "-has_contradiction", "-score", "id"], name="claim_queue_idx"
            ),
            models.Index(fields=["-has_contradiction", "-score", "id"], name="claim_all_queue_idx"),
            models.Index(fields=["claim_type", "-score"], name="claim_type_idx"),
            models.Index(fields=["-created_at"], name="claim_created_idx"),
            # compare_claims picks up the claims still waiting to be compared.
            models.Index(
                fields=["id"], condition=Q(compared_at__isnull=True), name="claim_uncompared_idx"
            ),
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
            or self.group_locked
        )


class LinkRelation(models.TextChoices):
    AGREES = "agrees", "Agrees"
    CONTRADICTS = "contradicts", "Contradicts"
    RELATED = "related", "Related"
    # The same kind of statement about different periods or instances: both may be true.
    DIFFERENT_TIME = "different_time", "Different time"
    # The same quotation in other words that keep its meaning: shown, but not a contradiction.
    WORDING = "wording", "Wording differs"


class LinkDecision(models.TextChoices):
    PENDING = "pending", "Not reviewed"
    CONFIRMED = "confirmed", "Confirmed by an editor"
    REJECTED = "rejected", "Rejected by an editor"


class ClaimLink(models.Model):
    """Two claims compared: agreeing, contradicting or related, and why.

    Stored once per pair, with ``left`` the lower id. A link an editor decided on is never
    replaced or recreated by the machine; a rejected one stays as the record that it was wrong.
    """

    left = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_as_left")
    right = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_as_right")
    relation = models.CharField(max_length=16, choices=LinkRelation.choices)
    confidence = models.FloatField()
    reason = models.TextField()
    differences = models.JSONField(
        default=list,
        blank=True,
        help_text="[{'fact': ..., 'left': ..., 'right': ..., 'explanation': ...}]",
    )
    decision = models.CharField(
        max_length=10, choices=LinkDecision.choices, default=LinkDecision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-confidence", "id"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="link_pair_unique"),
            models.CheckConstraint(condition=Q(left__lt=F("right")), name="link_left_lower_id"),
            models.CheckConstraint(
                condition=Q(relation__in=LinkRelation.values), name="link_relation_valid"
            ),
            models.CheckConstraint(
                condition=Q(decision__in=LinkDecision.values), name="link_decision_valid"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="link_confidence_in_unit_range",
            ),
        ]
        indexes = [
            models.Index(fields=["right"], name="link_right_idx"),
            # "Open contradictions": the queue's first filter.
            models.Index(fields=["relation", "decision"], name="link_relation_decision_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.left_id} {self.get_relation_display().lower()} #{self.right_id}"

    def other(self, claim: Claim) -> Claim:
        return self.right if claim.pk == self.left_id else self.left


class ClaimKey(models.Model):
    """The retrieval index: which claims carry which key (word, actor, counted noun).

    Comparison finds candidate pairs through shared rare keys instead of comparing every
    pair, so its cost grows with the number of new claims, not with the table.
    """

    key = models.CharField(max_length=80)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "claim"], name="claimkey_unique")]
        indexes = [models.Index(fields=["claim"], name="claimkey_claim_idx")]

    def __str__(self) -> str:
        return f"{self.key} → #{self.claim_id}"


class KeyFrequency(models.Model):
    """How many claims carry each key (document frequency), to skip common keys cheaply.

    Maintained incrementally; exact after ``compare_claims --all``, approximate between
    two concurrent writers (it only weighs candidates, so approximate is enough).
    """

    key = models.CharField(max_length=80, primary_key=True)
    claims = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.claims}"


class VerdictState(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    CORRECTED = "corrected", "Published, corrected"
    WITHDRAWN = "withdrawn", "Withdrawn"


PUBLIC_STATES = (VerdictState.PUBLISHED, VerdictState.CORRECTED)
EDITABLE_STATES = (VerdictState.DRAFT, VerdictState.IN_REVIEW)
# Which claims a fact-check lists is what its reviewer approved and its readers see.
MEMBERSHIP_FROZEN_STATES = (VerdictState.APPROVED, *PUBLIC_STATES)


class InvalidTransition(Exception):
    """A verdict cannot make this move from its current state (or not for this person)."""


class Transition(models.TextChoices):
    SUBMIT = "submit", "Send for review"
    RETURN = "return", "Return to draft"
    APPROVE = "approve", "Approve"
    PUBLISH = "publish", "Publish"
    CORRECT = "correct", "Correct"
    WITHDRAW = "withdraw", "Withdraw"


# From which states each move may be made, and where it leads.
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    Transition.SUBMIT: ((VerdictState.DRAFT,), VerdictState.IN_REVIEW),
    Transition.RETURN: ((VerdictState.IN_REVIEW, VerdictState.APPROVED), VerdictState.DRAFT),
    Transition.APPROVE: ((VerdictState.IN_REVIEW,), VerdictState.APPROVED),
    Transition.PUBLISH: ((VerdictState.APPROVED,), VerdictState.PUBLISHED),
    Transition.CORRECT: (PUBLIC_STATES, VerdictState.CORRECTED),
    Transition.WITHDRAW: (PUBLIC_STATES, VerdictState.WITHDRAWN),
}


class Verdict(models.Model):
    """The editors' rating and explanation of a claim group; once published, a fact-check.

    The state machine lives here (``move``); permissions and side effects live in
    ``factcheck.services``. ``version`` increases with every save, so a form opened on an
    older version is refused instead of overwriting someone else's work.
    """

    group = models.OneToOneField(ClaimGroup, on_delete=models.PROTECT, related_name="verdict")
    rating = models.CharField(
        max_length=32, help_text="One of FACTDESK_RATING_SCALE (settings); validated in clean()."
    )
    summary = models.CharField(max_length=300)
    explanation = models.TextField()
    state = models.CharField(
        max_length=12, choices=VerdictState.choices, default=VerdictState.DRAFT
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_verdicts"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_verdicts",
    )
    version = models.PositiveIntegerField(default=1)
    slug = models.SlugField(max_length=120, unique=True, null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    last_corrected_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-published_at", "-id"]
        permissions = [
            ("approve_verdict", "Can approve verdicts (second pair of eyes)"),
            ("publish_verdict", "Can publish, correct and withdraw verdicts"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=VerdictState.values), name="verdict_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state__in=PUBLIC_STATES) | Q(published_at__isnull=False),
                name="verdict_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=PUBLIC_STATES) | Q(reviewer__isnull=False),
                name="verdict_published_was_reviewed",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "-published_at"], name="verdict_state_idx"),
            # The public list and the API read published verdicts newest first; without this
            # PostgreSQL sorts every verdict for each page (150 ms at 100k, 0.6 ms with it).
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(state__in=["published", "corrected"]),
                name="verdict_public_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating_label}: {self.group}"

    @property
    def rating_label(self) -> str:
        rating = ratings.get(self.rating)
        return rating.label if rating else self.rating

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES

    def allowed(self, transition: str) -> bool:
        sources, _ = TRANSITIONS[transition]
        return self.state in sources

    def move(self, transition: str, *, by=None) -> None:
        """Change state by one allowed move; raises ``InvalidTransition`` otherwise."""
        sources, target = TRANSITIONS[transition]
        if self.state not in sources:
            raise InvalidTransition(
                f"“{Transition(transition).label}” is not possible for a verdict that is "
                f"{self.get_state_display().lower()}."
            )
        if transition == Transition.APPROVE:
            if (
                by is not None
                and by.pk == self.author_id
                and settings.FACTDESK_FORBID_SELF_APPROVAL
            ):
                raise InvalidTransition("An editor cannot approve their own verdict.")
            self.reviewer = by
        now = timezone.now()
        if transition == Transition.PUBLISH:
            self.published_at = self.published_at or now
        elif transition == Transition.CORRECT:
            self.last_corrected_at = now
        elif transition == Transition.WITHDRAW:
            self.withdrawn_at = now
        self.state = target


class Evidence(models.Model):
    """A source the verdict rests on: a link, who published it, and what it shows."""

    group = models.ForeignKey(ClaimGroup, on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(max_length=300)
    url = models.URLField(max_length=2000)
    publisher = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True, help_text="What this source shows.")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "position", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.title


class Correction(models.Model):
    """The wording a published verdict had before a correction, and why it changed."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="corrections")
    previous_rating = models.CharField(max_length=32)
    previous_summary = models.CharField(max_length=300)
    previous_explanation = models.TextField()
    note = models.TextField(help_text="What was corrected and why; shown to readers.")
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    corrected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["verdict", "-corrected_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(note=""), name="correction_note_required")
        ]

    def __str__(self) -> str:
        return f"Correction of {self.verdict_id} on {self.corrected_at:%Y-%m-%d}"


class ExternalFactCheck(models.Model):
    """A fact-check published by another organisation, imported from its ClaimReview markup.

    Kept so "has this been checked?" finds checks that already exist elsewhere, with their
    publisher, rating wording and dates as they published them.
    """

    url = models.URLField(max_length=2000, unique=True)
    claim_reviewed = models.TextField()
    publisher_name = models.CharField(max_length=200, blank=True)
    publisher_url = models.URLField(max_length=500, blank=True)
    rating_text = models.CharField(
        max_length=300, blank=True, help_text="The publisher's own wording (alternateName)."
    )
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    date_published = models.DateField(null=True, blank=True)
    claim_author = models.CharField(max_length=300, blank=True)
    claim_date = models.DateField(null=True, blank=True)
    appearance_url = models.URLField(max_length=2000, blank=True)
    raw = models.JSONField(help_text="The ClaimReview object as imported.")
    imported_from = models.CharField(max_length=2000)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date_published", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(claim_reviewed=""), name="external_claim_reviewed_not_empty"
            )
        ]
        indexes = [models.Index(fields=["-date_published", "-id"], name="external_published_idx")]

    def __str__(self) -> str:
        publisher = f"{self.publisher_name}: " if self.publisher_name else ""
        text = self.claim_reviewed if len(self.claim_reviewed) <= 90 else self.claim_reviewed[:89]
        return f"{publisher}{text}"


class MatchVector(models.Model):
    """A published claim's sentence embedding, computed once and kept for the matcher.

    Keyed by a hash of the model and the text, so a reworded claim gets a new vector and an
    unchanged one is never encoded again (encoding is the slow part of building the index).
    """

    key = models.CharField(max_length=64, unique=True, help_text="sha256 of model and text.")
    vector = models.BinaryField(help_text="float32 values, unit length.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key[:12]
