import uuid
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from sources import jobs
from sources.models import Feed, ImportJob, JobStatus, Outlet, Source, SourceVersion


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "domain", "source_count", "created_at"]
    search_fields = ["name", "domain"]
    readonly_fields = ["created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(source_count=Count("sources"))

    @admin.display(description="Sources", ordering="source_count")
    def source_count(self, outlet: Outlet) -> int:
        return outlet.source_count


class SourceVersionInline(admin.TabularInline):
    model = SourceVersion
    fields = ["version", "title", "imported_at", "superseded_at", "content_hash", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_at", "claim_count", "language", "version"]
    list_select_related = ["outlet"]
    list_filter = ["outlet", "published_at", "language", "format"]
    date_hierarchy = "published_at"
    search_fields = ["title", "url", "byline", "origin", "outlet__name"]
    autocomplete_fields = ["outlet"]
    show_full_result_count = False
    inlines = [SourceVersionInline]
    readonly_fields = [
        "article",
        "removed_boilerplate",
        "raw_text",
        "origin",
        "format",
        "content_hash",
        "version",
        "imported_at",
        "version_imported_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "outlet", "byline", "url", "published_at", "language"]}),
        (
            "Text",
            {
                "description": "The cleaned text that claims are extracted from. "
                "It changes only when a re-import brings a new version.",
                "fields": ["article"],
            },
        ),
        (
            "As received",
            {
                "classes": ["collapse"],
                "fields": ["removed_boilerplate", "raw_text"],
            },
        ),
        (
            "Provenance",
            {
                "fields": [
                    "origin",
                    "format",
                    "content_hash",
                    "version",
                    "imported_at",
                    "version_imported_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        claims = (
            apps.get_model("factcheck", "Claim")
            .objects.filter(source=OuterRef("pk"))
            .order_by()
            .values("source")
            .annotate(count=Count("pk"))
            .values("count")
        )
        # A correlated subquery is evaluated only for the rows on the page, unlike a
        # GROUP BY over the whole claim table.
        return (
            super()
            .get_queryset(request)
            .annotate(claim_count=Coalesce(Subquery(claims, output_field=IntegerField()), 0))
        )

    @admin.display(description="Claims", ordering="claim_count")
    def claim_count(self, source: Source) -> int:
        return source.claim_count

    @admin.display(description="Article (claims highlighted)")
    def article(self, source: Source) -> SafeString:
        spans = source.claims.filter(source_version=source.version).values_list(
            "pk", "start", "end", "score"
        )
        return highlight_claims(source.body, spans)

    @admin.display(description="Removed boilerplate")
    def removed_boilerplate(self, source: Source) -> str:
        if not source.removed_blocks:
            return "—"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong>: {}</li>",
                ((block["reason"], block["text"]) for block in source.removed_blocks),
            ),
        )


def highlight_claims(body: str, spans) -> SafeString:
    """The body as paragraphs, each claim a highlighted link to its review page."""
    marks = sorted(spans, key=lambda span: span[1])
    html: list[str] = []
    position = 0
    for pk, start, end, score in marks:
        if start < position:
            continue
        url = reverse("admin:factcheck_claim_change", args=[pk])
        html.append(escape(body[position:start]))
        html.append(
            f'<mark class="factdesk-claim"><a href="{url}" title="Check-worthiness '
            f'{score:.2f}">{escape(body[start:end])}</a></mark>'
        )
        position = end
    html.append(escape(body[position:]))
    paragraphs = "".join(html).split("\n\n")
    return mark_safe("".join(f'<p class="factdesk-paragraph">{p}</p>' for p in paragraphs))


@admin.register(SourceVersion)
class SourceVersionAdmin(admin.ModelAdmin):
    list_display = ["source", "version", "imported_at", "superseded_at"]
    list_select_related = ["source"]
    search_fields = ["title", "source__title"]
    readonly_fields = [field.name for field in SourceVersion._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Earlier texts are the record of what was published; they are never deleted.
        return False


class ImportJobForm(forms.ModelForm):
    upload = forms.FileField(
        required=False, help_text="A text, Markdown, HTML, JSON Lines or feed file."
    )
    url = forms.URLField(
        required=False, max_length=2000, help_text="Or: an article page or an RSS/Atom feed."
    )

    class Meta:
        model = ImportJob
        fields = []

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("upload")) == bool(cleaned.get("url")):
            raise forms.ValidationError("Upload a file or give a URL (one of the two).")
        return cleaned


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    """Imports running in the background: their progress, result and problems."""

    list_display = [
        "__str__",
        "status",
        "documents",
        "created",
        "new_versions",
        "unchanged",
        "failed",
        "attempts",
        "queued_at",
        "finished_at",
    ]
    list_filter = ["status", "kind"]
    search_fields = ["target", "errors"]
    actions = ["retry"]
    readonly_fields = [
        "kind",
        "target",
        "feed",
        "requested_by",
        "status",
        "attempts",
        "documents",
        "created",
        "new_versions",
        "unchanged",
        "failed",
        "errors",
        "queued_at",
        "started_at",
        "heartbeat_at",
        "finished_at",
    ]
    show_full_result_count = False

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = ImportJobForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        return ["upload", "url"] if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("upload")
        if upload:
            target = store_upload(upload)
            job = jobs.start_import(kind="file", target=target, user=request.user)
        else:
            job = jobs.start_import(kind="url", target=form.cleaned_data["url"], user=request.user)
        obj.pk = job.pk
        obj.refresh_from_db()

    def response_add(self, request, obj, post_url_continue=None):
        self.message_user(request, f"Import queued: {obj.target}.")
        return HttpResponseRedirect(reverse("admin:sources_importjob_changelist"))

    @admin.action(description="Retry the selected failed imports", permissions=["add"])
    def retry(self, request, queryset):
        retried = [jobs.retry_import(job=job) for job in queryset.filter(status=JobStatus.FAILED)]
        self.message_user(request, f"{len(retried)} imports queued again.")


def store_upload(upload) -> str:
    """Keep an uploaded file where workers can read it; returns its path."""
    folder = Path(settings.MEDIA_ROOT) / "imports" / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(upload.name).name
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return str(path)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = [
        "url",
        "outlet",
        "active",
        "interval_minutes",
        "last_polled_at",
        "next_poll_at",
        "consecutive_failures",
    ]
    list_filter = ["active", "outlet"]
    list_select_related = ["outlet"]
    search_fields = ["url", "outlet__name"]
    autocomplete_fields = ["outlet"]
    readonly_fields = ["last_polled_at", "consecutive_failures", "last_error", "created_at"]
    actions = ["poll_now"]

    @admin.action(description="Poll the selected feeds now", permissions=["change"])
    def poll_now(self, request, queryset):
        for feed in queryset.filter(active=True):
            jobs.poll_feed_task.enqueue(feed.pk)
        self.message_user(request, f"{queryset.filter(active=True).count()} feeds queued.")
