from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from factcheck.models import Claim, ClaimGroup, ClaimLink


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["short_text", "source_link", "claim_type", "score", "status", "speaker"]
    list_select_related = ["source__outlet"]
    list_filter = ["status", "claim_type", "is_attributed", "is_quote", "source__outlet"]
    search_fields = ["text", "speaker", "source__title"]
    ordering = ["-score", "id"]
    show_full_result_count = False
    list_per_page = 50
    fields = [
        "text",
        "in_paragraph",
        "context",
        "other_sources",
        "group",
        "source",
        "status",
        "editor_note",
        "reviewed_by",
        "claim_type",
        "score",
        "speaker",
        "is_attributed",
        "is_quote",
        "facts_table",
        "source_version",
        "start",
        "end",
        "paragraph",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "text",
        "in_paragraph",
        "context",
        "other_sources",
        "group",
        "source",
        "claim_type",
        "score",
        "speaker",
        "is_attributed",
        "is_quote",
        "facts_table",
        "source_version",
        "start",
        "end",
        "paragraph",
        "created_at",
        "updated_at",
    ]
    autocomplete_fields = ["reviewed_by"]

    def has_add_permission(self, request) -> bool:
        # Claims come from extraction, never typed in.
        return False

    @admin.display(description="Claim", ordering="text")
    def short_text(self, claim: Claim) -> str:
        return str(claim)

    @admin.display(description="Source", ordering="source__title")
    def source_link(self, claim: Claim) -> str:
        source = claim.source
        outlet = f"{source.outlet.name}: " if source.outlet else ""
        return format_html(
            '<a href="{}">{}{}</a>',
            reverse("admin:sources_source_change", args=[source.pk]),
            outlet,
            source.title[:60],
        )

    @admin.display(description="In its paragraph")
    def in_paragraph(self, claim: Claim) -> str:
        source = claim.source
        if claim.source_version != source.version:
            return format_html(
                "<em>Found in version {} of the source; the current text no longer has it.</em>",
                claim.source_version,
            )
        start, end = paragraph_bounds(source.body, claim.start, claim.end)
        return format_html(
            '<p class="factdesk-paragraph">{}<mark>{}</mark>{}</p>',
            source.body[start : claim.start],
            source.body[claim.start : claim.end],
            source.body[claim.end : end],
        )

    @admin.display(description="Other sources")
    def other_sources(self, claim: Claim) -> str:
        links = ClaimLink.objects.filter(Q(left=claim) | Q(right=claim)).select_related(
            "left__source__outlet", "right__source__outlet"
        )
        rows = []
        for link in links:
            other = link.other(claim)
            source = other.source
            rows.append(
                (
                    link.relation,
                    link.get_relation_display(),
                    reverse("admin:factcheck_claim_change", args=[other.pk]),
                    other.text,
                    source.outlet.name if source.outlet else source.title[:50],
                    source.published_at.date().isoformat() if source.published_at else "",
                    link.reason,
                )
            )
        if not rows:
            return "—"
        return format_html(
            "<table><thead><tr><th>Relation</th><th>Claim</th><th>Source</th><th>Published</th>"
            "<th>Why</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join(
                "",
                '<tr><td class="factdesk-{}">{}</td><td><a href="{}">{}</a></td><td>{}</td>'
                "<td>{}</td><td>{}</td></tr>",
                rows,
            ),
        )

    @admin.display(description="Parsed facts")
    def facts_table(self, claim: Claim) -> str:
        facts = claim.facts or {}
        rows = []
        for quantity in facts.get("quantities", []):
            interval = _interval(quantity)
            what = quantity.get("counted") or quantity.get("of_what") or quantity.get("unit") or ""
            rows.append(("Quantity", quantity["text"], f"{interval} {what}".strip()))
        for date in facts.get("dates", []):
            when = date.get("earliest") or "unresolved"
            if date.get("latest") and date["latest"] != date.get("earliest"):
                when = f"{when} to {date['latest']}"
            rows.append(("Date", date["text"], when))
        for actor in facts.get("actors", []):
            detail = actor["kind"]
            if actor.get("role"):
                detail += f", {actor['role']}"
            if actor.get("members"):
                detail += f" ({', '.join(actor['members'])})"
            rows.append(("Actor", actor["text"], f"{actor['name']}: {detail}"))
        attribution = facts.get("attribution")
        if attribution and attribution.get("speaker"):
            via = f" via {attribution['medium']}" if attribution.get("medium") else ""
            rows.append(("Speaker", attribution["speaker"], f"{attribution['verb']}{via}"))
        if not rows:
            return "—"
        return format_html(
            "<table><thead><tr><th>Fact</th><th>Text</th><th>Parsed</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the paragraph around [start, end)."""
    begin = body.rfind("\n\n", 0, start)
    finish = body.find("\n\n", end)
    return (0 if begin < 0 else begin + 2), (len(body) if finish < 0 else finish)


def _interval(quantity: dict) -> str:
    low, high = quantity.get("low"), quantity.get("high")
    if low is not None and low == high:
        return f"{low:g}"
    left = "[" if quantity.get("low_inclusive") else "("
    right = "]" if quantity.get("high_inclusive") else ")"
    low_text = f"{low:g}" if low is not None else "−∞"
    high_text = f"{high:g}" if high is not None else "∞"
    return f"{left}{low_text}, {high_text}{right}"


@admin.register(ClaimGroup)
class ClaimGroupAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_at"]
    search_fields = ["canonical_text"]
    readonly_fields = ["canonical_claim", "created_at", "updated_at"]
    show_full_result_count = False


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "relation", "confidence", "decision", "reason"]
    list_filter = ["relation", "decision"]
    list_select_related = ["left", "right"]
    search_fields = ["reason", "left__text", "right__text"]
    readonly_fields = [
        "left",
        "right",
        "relation",
        "confidence",
        "reason",
        "differences",
        "decided_by",
        "decided_at",
        "created_at",
        "updated_at",
    ]
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False
