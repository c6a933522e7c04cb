"""The review screens: the claim queue, the side-by-side claim page and the fact-check page.

Every action is a POST to an admin URL that calls a service in ``factcheck.services``; the
services check permissions themselves, so a hidden button is never the only guard.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from factcheck import ratings, selectors, services
from factcheck.models import (
    MEMBERSHIP_FROZEN_STATES,
    PUBLIC_STATES,
    Claim,
    ClaimGroup,
    ClaimLink,
    Evidence,
    ExternalFactCheck,
    InvalidTransition,
    LinkDecision,
    ReviewStatus,
    Transition,
    Verdict,
)
from factcheck.paginators import CappedCountPaginator


class ScoreRangeFilter(admin.SimpleListFilter):
    title = "check-worthiness"
    parameter_name = "score"
    RANGES = {
        "high": ("0.8 and above", 0.8, None),
        "medium": ("0.5 to 0.8", 0.5, 0.8),
        "low": ("below 0.5", None, 0.5),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _, _) in self.RANGES.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.RANGES:
            return queryset
        _, low, high = self.RANGES[self.value()]
        if low is not None:
            queryset = queryset.filter(score__gte=low)
        if high is not None:
            queryset = queryset.filter(score__lt=high)
        return queryset


class AlreadyCheckedFilter(admin.SimpleListFilter):
    title = "already checked"
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        return [("yes", "Has a published fact-check"), ("no", "Not checked yet")]

    def queryset(self, request, queryset):
        published = Q(group__verdict__state__in=PUBLIC_STATES)
        if self.value() == "yes":
            return queryset.filter(published)
        if self.value() == "no":
            return queryset.exclude(published)
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "To me"), ("nobody", "To nobody")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class HistoryMixin:
    """Shows the object's recorded changes (who, when, what) on its own page."""

    def history_objects(self, obj) -> list:
        return [obj]

    @admin.display(description="History")
    def change_history(self, obj) -> str:
        rows = selectors.history_rows(*self.history_objects(obj))
        if not rows:
            return "—"
        return format_html(
            '<table class="factdesk-history"><thead><tr><th>When</th><th>Who</th>'
            "<th>What changed</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )


# What extraction writes: shown on the claim page, never editable there.
MACHINE_FIELDS = [
    "claim_type",
    "score",
    "speaker",
    "is_attributed",
    "is_quote",
    "context",
    "group",
    "source",
    "source_version",
    "start",
    "end",
    "created_at",
]


@admin.register(Claim)
class ClaimAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = [
        "short_text",
        "contradiction_badge",
        "score",
        "claim_type",
        "status",
        "source_link",
        "checked_badge",
        "assigned_to",
    ]
    list_display_links = ["short_text"]
    list_select_related = ["source__outlet", "assigned_to", "group__verdict"]
    list_filter = [
        "status",
        "has_contradiction",
        AlreadyCheckedFilter,
        "claim_type",
        ScoreRangeFilter,
        AssignedFilter,
        # Every outlet, not "outlets with claims": finding those scans the claim table
        # (3 s at a million claims).
        "source__outlet",
    ]
    # What the search box looks in; get_search_results does the matching, index-friendly.
    search_fields = ["text", "speaker", "source__title"]
    search_help_text = "Words in the claim, its speaker or its source's title."
    ordering = ["-has_contradiction", "-score", "id"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    list_per_page = 50
    actions = ["mark_not_check_worthy", "assign_to_me", "send_to_review"]
    change_form_template = "admin/factcheck/claim/change_form.html"
    fieldsets = [
        (
            "Review",
            {
                "fields": ["status", "assigned_to", "editor_note"],
                "description": "Your decisions. Everything below them is machine output, "
                "refreshed when the source changes; your decisions are never overwritten.",
            },
        ),
        ("Extracted", {"fields": MACHINE_FIELDS}),
        ("History", {"classes": ["collapse"], "fields": ["change_history"]}),
    ]
    readonly_fields = [*MACHINE_FIELDS, "change_history"]
    autocomplete_fields = ["assigned_to"]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return selectors.search_claims(queryset, search_term), False

    def has_add_permission(self, request) -> bool:
        # Claims come from extraction, never typed in.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        # Dismiss a claim as not check-worthy instead: its record stays.
        return request.user.is_superuser

    @admin.display(description="Claim", ordering="text")
    def short_text(self, claim: Claim) -> str:
        return str(claim)

    @admin.display(description="Contradicted", ordering="-has_contradiction")
    def contradiction_badge(self, claim: Claim) -> str:
        if not claim.has_contradiction:
            return ""
        return format_html('<span class="factdesk-badge factdesk-contradicts">{}</span>', "yes")

    @admin.display(description="Checked")
    def checked_badge(self, claim: Claim) -> str:
        verdict = getattr(claim.group, "verdict", None) if claim.group_id else None
        if verdict is None or not verdict.is_public:
            return ""
        return format_html(
            '<span class="factdesk-badge factdesk-agrees">{}</span>', verdict.rating_label
        )

    @admin.display(description="Source", ordering="source__title")
    def source_link(self, claim: Claim) -> str:
        source = claim.source
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:sources_source_change", args=[source.pk]),
            selectors.source_label(source),
        )

    @admin.action(description="Mark not check-worthy", permissions=["change"])
    def mark_not_check_worthy(self, request, queryset):
        count = services.set_claims_status(
            claims=queryset, user=request.user, status=ReviewStatus.NOT_CHECK_WORTHY
        )
        self.message_user(request, f"{count} claims marked not check-worthy.")

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        count = services.assign_claims(claims=queryset, user=request.user)
        self.message_user(request, f"{count} claims assigned to you.")

    @admin.action(description="Send to review", permissions=["change"])
    def send_to_review(self, request, queryset):
        count = services.set_claims_status(
            claims=queryset, user=request.user, status=ReviewStatus.IN_REVIEW
        )
        self.message_user(request, f"{count} claims sent to review.")

    def save_model(self, request, obj, form, change):
        services.review_claim(
            claim=obj,
            user=request.user,
            status=form.cleaned_data["status"],
            assigned_to=form.cleaned_data["assigned_to"],
            editor_note=form.cleaned_data["editor_note"],
        )

    def get_urls(self):
        own = [
            path(
                "<int:claim_id>/links/<int:link_id>/<str:decision>/",
                self.admin_site.admin_view(self.decide_link_view),
                name="factcheck_claim_decide_link",
            ),
            path(
                "<int:claim_id>/move/",
                self.admin_site.admin_view(self.move_view),
                name="factcheck_claim_move",
            ),
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, object_id)
        if claim is not None:
            extra_context = {
                **(extra_context or {}),
                "comparison": selectors.claim_comparison(claim),
                "can_decide": request.user.has_perm("factcheck.change_claimlink"),
                "can_move": request.user.has_perm("factcheck.change_claim"),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_link_view(self, request: HttpRequest, claim_id: int, link_id: int, decision: str):
        if request.method != "POST":
            return HttpResponse(status=405)
        link = get_object_or_404(ClaimLink, Q(left_id=claim_id) | Q(right_id=claim_id), pk=link_id)
        if decision not in (LinkDecision.CONFIRMED, LinkDecision.REJECTED):
            return HttpResponse(status=400)
        try:
            services.decide_link(link=link, user=request.user, decision=decision)
        except services.GroupFrozen as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"Link {LinkDecision(decision).label.lower()}.")
        return HttpResponseRedirect(reverse("admin:factcheck_claim_change", args=[claim_id]))

    def move_view(self, request: HttpRequest, claim_id: int):
        if request.method != "POST":
            return HttpResponse(status=405)
        claim = get_object_or_404(Claim, pk=claim_id)
        target = request.POST.get("group", "").strip()
        if target == "new":
            group = None
        else:
            try:
                group = ClaimGroup.objects.get(pk=int(target))
            except (ValueError, ClaimGroup.DoesNotExist):
                self.message_user(request, f"No group with id {target!r}.", messages.ERROR)
                return HttpResponseRedirect(
                    reverse("admin:factcheck_claim_change", args=[claim_id])
                )
        try:
            group = services.move_claim(claim=claim, user=request.user, group=group)
        except services.GroupFrozen as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, f"Claim moved to group #{group.pk}.")
        return HttpResponseRedirect(reverse("admin:factcheck_claim_change", args=[claim_id]))


def _posted_version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


class VerdictForm(forms.ModelForm):
    """The verdict as editors draft it, refusing a save made on a stale copy."""

    # A blank first choice, so an untouched verdict form does not count as a new verdict.
    rating = forms.ChoiceField(choices=lambda: [("", "---------"), *ratings.choices()])
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Verdict
        fields = ["rating", "summary", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.is_editable:
            # Shown read-only; without this the declared fields would still take a POST.
            for name in ("rating", "summary", "explanation", "opened_version"):
                self.fields.pop(name, None)
        elif self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.has_changed():
            return cleaned  # a read-only or untouched verdict: nothing to save, no conflict
        if self.instance.group_id is None:
            return cleaned  # a group being added with its verdict has no rival verdict
        try:
            # Locked until the admin's transaction commits, so two saves cannot both pass.
            services.check_verdict_draft(
                group=self.instance.group,
                version=cleaned.get("opened_version") if self.instance.pk else None,
            )
        except services.StaleVerdict as error:
            raise forms.ValidationError(
                f"{error} Your text is still in the form below: copy what you need, reload the "
                "page, and apply your changes again.",
                code="stale",
            ) from error
        except InvalidTransition as error:
            raise forms.ValidationError(str(error), code="locked") from error
        return cleaned

    def validate_unique(self):
        # clean() has said who started the group's verdict first, in words an editor can act on.
        if not self.has_error(forms.ALL_FIELDS, code="stale"):
            super().validate_unique()


class VerdictInline(admin.StackedInline):
    model = Verdict
    form = VerdictForm
    fields = [
        "rating",
        "summary",
        "explanation",
        "state",
        "author",
        "reviewer",
        "opened_version",
    ]
    readonly_fields = ["state", "author", "reviewer"]
    can_delete = False
    max_num = 1
    extra = 1
    verbose_name = "verdict"
    verbose_name_plural = "verdict"

    def get_readonly_fields(self, request, obj=None):
        verdict = getattr(obj, "verdict", None) if obj else None
        if verdict is not None and not verdict.is_editable:
            return ["rating_label", "summary", "explanation", "state", "author", "reviewer"]
        return self.readonly_fields

    def get_fields(self, request, obj=None):
        verdict = getattr(obj, "verdict", None) if obj else None
        if verdict is not None and not verdict.is_editable:
            return ["rating_label", "summary", "explanation", "state", "author", "reviewer"]
        return self.fields

    @admin.display(description="Rating")
    def rating_label(self, verdict: Verdict) -> str:
        return verdict.rating_label


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["position", "title", "url", "publisher", "note"]
    extra = 1

    def _locked(self, obj) -> bool:
        verdict = getattr(obj, "verdict", None) if obj else None
        return verdict is not None and not verdict.is_editable

    def has_add_permission(self, request, obj=None) -> bool:
        return not self._locked(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)


@admin.register(ClaimGroup)
class ClaimGroupAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = ["__str__", "verdict_state", "created_at"]
    list_select_related = ["verdict"]
    list_filter = ["verdict__state"]
    search_fields = ["canonical_text"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    fields = ["canonical_text", "appearances", "corrections", "change_history"]
    readonly_fields = ["appearances", "corrections", "change_history"]
    inlines = [VerdictInline, EvidenceInline]
    change_form_template = "admin/factcheck/claimgroup/change_form.html"

    def history_objects(self, group: ClaimGroup) -> list:
        verdict = getattr(group, "verdict", None)
        return [group] if verdict is None else [group, verdict]

    @admin.display(description="Verdict")
    def verdict_state(self, group: ClaimGroup) -> str:
        verdict = getattr(group, "verdict", None)
        if verdict is None:
            return "—"
        return f"{verdict.rating_label} ({verdict.get_state_display().lower()})"

    @admin.display(description="Appearances")
    def appearances(self, group: ClaimGroup) -> str:
        rows = [
            (
                reverse("admin:factcheck_claim_change", args=[claim.pk]),
                claim.text,
                selectors.source_label(claim.source),
                claim.source.published_at.date().isoformat() if claim.source.published_at else "",
            )
            for claim in selectors.group_appearances(group)
        ]
        if not rows:
            return "—"
        return format_html(
            "<table><thead><tr><th>Claim</th><th>Source</th><th>Published</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join(
                "", '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td></tr>', rows
            ),
        )

    @admin.display(description="Corrections")
    def corrections(self, group: ClaimGroup) -> str:
        verdict = getattr(group, "verdict", None)
        rows = [
            (
                f"{correction.corrected_at:%Y-%m-%d %H:%M}",
                correction.corrected_by.get_username(),
                correction.note,
                ratings.get(correction.previous_rating).label
                if ratings.get(correction.previous_rating)
                else correction.previous_rating,
                correction.previous_summary,
            )
            for correction in (
                verdict.corrections.select_related("corrected_by") if verdict else []
            )
        ]
        if not rows:
            return "—"
        return format_html(
            "<table><thead><tr><th>When</th><th>Who</th><th>Note</th><th>Earlier rating</th>"
            "<th>Earlier summary</th></tr></thead><tbody>{}</tbody></table>",
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        verdict = getattr(obj, "verdict", None) if obj else None
        if verdict is not None and verdict.state in MEMBERSHIP_FROZEN_STATES:
            return ["canonical_text", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # Reworded in save_related, after the verdict form: its version is the one it opened.

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change and "canonical_text" in form.changed_data:
            services.reword_group(
                group=form.instance,
                user=request.user,
                canonical_text=form.cleaned_data["canonical_text"],
            )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Verdict:
            super().save_formset(request, form, formset, change)
            if formset.model is Evidence and (
                formset.new_objects or formset.changed_objects or formset.deleted_objects
            ):
                services.content_changed(
                    group=form.instance, user=request.user, reason="The evidence changed"
                )
            return
        # What the admin's change message and history read, as formset.save() would set them.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for verdict_form in formset.forms:
            if verdict_form.has_changed():
                is_new = verdict_form.instance.pk is None
                verdict = services.save_verdict(
                    group=form.instance,
                    user=request.user,
                    rating=verdict_form.cleaned_data["rating"],
                    summary=verdict_form.cleaned_data["summary"],
                    explanation=verdict_form.cleaned_data["explanation"],
                    version=None if is_new else verdict_form.cleaned_data.get("opened_version"),
                )
                if is_new:
                    formset.new_objects.append(verdict)
                else:
                    formset.changed_objects.append((verdict, verdict_form.changed_data))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (services.StaleVerdict, services.GroupFrozen, InvalidTransition) as error:
            # The admin's transaction has rolled back: nothing of this save was stored.
            self.message_user(request, str(error), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        group = self.get_object(request, object_id)
        if group is not None:
            verdict = getattr(group, "verdict", None)
            extra_context = {
                **(extra_context or {}),
                "verdict": verdict,
                "transitions": [
                    (transition.value, transition.label)
                    for transition in Transition
                    if verdict is not None
                    and services.may_transition(
                        verdict=verdict, user=request.user, transition=transition
                    )
                ],
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        own = [
            path(
                "<int:group_id>/verdict/<str:transition>/",
                self.admin_site.admin_view(self.transition_view),
                name="factcheck_claimgroup_transition",
            ),
        ]
        return own + super().get_urls()

    def transition_view(self, request: HttpRequest, group_id: int, transition: str):
        group = get_object_or_404(ClaimGroup.objects.select_related("verdict"), pk=group_id)
        verdict = getattr(group, "verdict", None)
        if verdict is None or transition not in Transition.values:
            return HttpResponse(status=404)
        back = reverse("admin:factcheck_claimgroup_change", args=[group_id])
        if transition == Transition.CORRECT:
            return self._correct_view(request, verdict, back)
        if request.method == "POST":
            try:
                services.transition_verdict(
                    verdict=verdict,
                    user=request.user,
                    transition=transition,
                    note=request.POST.get("note", ""),
                    version=_posted_version(request),
                )
            except (InvalidTransition, services.StaleVerdict, ValueError) as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                verdict.refresh_from_db()
                self.message_user(request, f"Verdict is now {verdict.get_state_display().lower()}.")
            return HttpResponseRedirect(back)
        if not services.may_transition(verdict=verdict, user=request.user, transition=transition):
            raise PermissionDenied("You cannot make this change to this verdict now.")
        return TemplateResponse(
            request,
            "admin/factcheck/verdict_transition.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "group": group,
                "verdict": verdict,
                "transition": Transition(transition),
                "needs_note": transition == Transition.WITHDRAW,
                "shows_text": transition == Transition.APPROVE,
                "title": f"{Transition(transition).label}: {group}",
            },
        )

    def _correct_view(self, request: HttpRequest, verdict: Verdict, back: str):
        if not services.may_transition(
            verdict=verdict, user=request.user, transition=Transition.CORRECT
        ):
            raise PermissionDenied("You cannot correct this verdict.")
        form = CorrectionForm(
            request.POST or None,
            initial={
                "rating": verdict.rating,
                "summary": verdict.summary,
                "explanation": verdict.explanation,
            },
        )
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                services.correct_verdict(verdict=verdict, user=request.user, **form.cleaned_data)
            self.message_user(request, "Verdict corrected; the earlier wording is kept.")
            return HttpResponseRedirect(back)
        return TemplateResponse(
            request,
            "admin/factcheck/verdict_correct.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "group": verdict.group,
                "verdict": verdict,
                "form": form,
                "title": f"Correct: {verdict.group}",
            },
        )


class CorrectionForm(forms.Form):
    rating = forms.ChoiceField(choices=ratings.choices)
    summary = forms.CharField(max_length=300)
    explanation = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}))
    note = forms.CharField(
        label="Correction note",
        help_text="What changed and why. Readers see it beside the earlier wording.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@admin.register(Verdict)
class VerdictAdmin(admin.ModelAdmin):
    """A list of verdicts by state; each opens on its group's fact-check page."""

    list_display = ["__str__", "state", "author", "reviewer", "published_at", "updated_at"]
    list_filter = ["state", "rating"]
    list_select_related = ["group", "author", "reviewer"]
    search_fields = ["summary", "group__canonical_text"]
    paginator = CappedCountPaginator
    show_full_result_count = False

    def has_add_permission(self, request) -> bool:
        return False  # verdicts are written on their group's page

    def change_view(self, request, object_id, form_url="", extra_context=None):
        verdict = get_object_or_404(Verdict, pk=object_id)
        return HttpResponseRedirect(
            reverse("admin:factcheck_claimgroup_change", args=[verdict.group_id])
        )


@admin.register(ClaimLink)
class ClaimLinkAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = ["__str__", "relation", "confidence", "decision", "reason"]
    list_filter = ["relation", "decision"]
    list_select_related = ["left", "right"]
    search_fields = ["reason", "left__text", "right__text"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    readonly_fields = [
        "left",
        "right",
        "relation",
        "confidence",
        "reason",
        "differences",
        "decision",
        "decided_by",
        "decided_at",
        "created_at",
        "change_history",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # decided on the claim page, through the service


@admin.register(ExternalFactCheck)
class ExternalFactCheckAdmin(admin.ModelAdmin):
    """Fact-checks other organisations published, imported with ``import_factchecks``."""

    list_display = ["claim_reviewed", "publisher_name", "rating_text", "date_published"]
    list_filter = ["publisher_name"]
    search_fields = ["claim_reviewed", "url", "publisher_name"]
    paginator = CappedCountPaginator
    show_full_result_count = False
    readonly_fields = [field.name for field in ExternalFactCheck._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
