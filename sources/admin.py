from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html, format_html_join

from sources.models import Outlet, Source, SourceVersion


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

    @admin.display(description="Claims")
    def claim_count(self, source: Source) -> str:
        # Filled in once claim extraction exists.
        return "—"

    @admin.display(description="Article")
    def article(self, source: Source) -> str:
        return format_html_join(
            "", '<p class="factdesk-paragraph">{}</p>', ((p,) for p in source.paragraphs)
        )

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
