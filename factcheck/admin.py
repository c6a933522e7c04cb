from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from factcheck.models import Claim


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
