"""What the newsroom imports: outlets and the documents (sources) they publish."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone


class Outlet(models.Model):
    name = models.CharField(max_length=200)
    domain = models.CharField(
        max_length=253, blank=True, help_text="Web domain without scheme, e.g. example.com."
    )
    homepage = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            # "Reuters" and "REUTERS" are one outlet; the lookup in import_article relies on it.
            models.UniqueConstraint(Lower("name"), name="outlet_name_unique_ci"),
            models.UniqueConstraint(
                fields=["domain"], condition=~Q(domain=""), name="outlet_domain_unique"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="outlet_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class SourceFormat(models.TextChoices):
    TEXT = "text", "Plain text"
    MARKDOWN = "markdown", "Markdown"
    HTML = "html", "HTML page"
    JSONL = "jsonl", "JSON Lines record"
    FEED = "feed", "RSS/Atom item"


class Source(models.Model):
    """One imported document, in its current version.

    ``body`` is the cleaned text that claims point into by character offsets, so it is
    only ever replaced as a whole, by a new version; the text it replaced moves to
    ``SourceVersion``.
    """

    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="sources"
    )
    title = models.CharField(max_length=500)
    byline = models.CharField(max_length=300, blank=True)
    url = models.URLField(
        "canonical URL", max_length=2000, blank=True, help_text="Unique when present."
    )
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(
        max_length=16, blank=True, help_text="BCP 47 code, e.g. 'en'; blank when unknown."
    )
    body = models.TextField(help_text="Cleaned text: paragraphs separated by a blank line.")
    raw_text = models.TextField(help_text="The text exactly as received, before cleaning.")
    removed_blocks = models.JSONField(
        default=list,
        blank=True,
        help_text="Boilerplate the cleaner kept out of the body: [{'reason': ..., 'text': ...}].",
    )
    origin = models.CharField(
        max_length=2000,
        help_text="Where it came from: file path (with #L<line> or #<item>) or URL.",
    )
    format = models.CharField(max_length=16, choices=SourceFormat.choices)
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the cleaned title and body: what 'changed' means."
    )
    version = models.PositiveIntegerField(default=1)
    imported_at = models.DateTimeField(auto_now_add=True)
    version_imported_at = models.DateTimeField(
        default=timezone.now, help_text="When the current version's text was imported."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["url"], condition=~Q(url=""), name="source_url_unique"),
            # Without a URL, identical content is the same document, and one origin (a file
            # path) holds one document whose later edits become versions.
            models.UniqueConstraint(
                fields=["content_hash"], condition=Q(url=""), name="source_hash_unique_without_url"
            ),
            models.UniqueConstraint(
                fields=["origin"], condition=Q(url=""), name="source_origin_unique_without_url"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="source_version_positive"),
            models.CheckConstraint(
                condition=Q(format__in=SourceFormat.values), name="source_format_valid"
            ),
            models.CheckConstraint(condition=~Q(body=""), name="source_body_not_empty"),
        ]
        indexes = [
            # Admin and API list sources newest first, overall and per outlet.
            models.Index(fields=["-published_at", "-id"], name="source_published_idx"),
            models.Index(fields=["outlet", "-published_at"], name="source_outlet_published_idx"),
            models.Index(fields=["-imported_at"], name="source_imported_idx"),
            models.Index(fields=["content_hash"], name="source_hash_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def paragraphs(self) -> list[str]:
        return self.body.split("\n\n")


class SourceVersion(models.Model):
    """An earlier text of a source, kept when a re-import brought changed text."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=500)
    byline = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    body = models.TextField()
    raw_text = models.TextField()
    origin = models.CharField(max_length=2000)
    content_hash = models.CharField(max_length=64)
    imported_at = models.DateTimeField(help_text="When this version was first imported.")
    superseded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["source", "version"], name="source_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.source.title} (version {self.version})"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"


class ImportJob(models.Model):
    """One import run in the background: a file, a URL or a feed, and how it went.

    Workers claim a job with a conditional update, so two workers given the same job never
    both run it; a job whose worker died is claimed again once its heartbeat is stale, and
    the import itself is idempotent, so a rerun never duplicates sources.
    """

    kind = models.CharField(
        max_length=8, choices=[("file", "File"), ("url", "URL or feed"), ("feed", "Feed")]
    )
    target = models.CharField(max_length=2000, help_text="File path or URL.")
    feed = models.ForeignKey(
        "Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    documents = models.PositiveIntegerField(default=0, help_text="Documents found so far.")
    created = models.PositiveIntegerField(default=0)
    new_versions = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    errors = models.TextField(blank=True, help_text="One problem per line, naming its input.")
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=JobStatus.values), name="importjob_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["status", "-queued_at"], name="importjob_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.target} ({self.get_status_display().lower()})"


class Feed(models.Model):
    """An outlet's RSS or Atom feed, polled on a schedule; failures back off exponentially."""

    url = models.URLField(max_length=2000, unique=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds"
    )
    active = models.BooleanField(default=True)
    interval_minutes = models.PositiveIntegerField(default=30)
    next_poll_at = models.DateTimeField(default=timezone.now)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    consecutive_failures = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(interval_minutes__gte=1), name="feed_interval_positive"
            )
        ]
        # poll_feeds asks for the active feeds that are due.
        indexes = [
            models.Index(fields=["next_poll_at"], condition=Q(active=True), name="feed_due_idx")
        ]

    def __str__(self) -> str:
        return self.url
