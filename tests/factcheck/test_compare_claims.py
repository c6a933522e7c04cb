"""Comparison across sources: links with reasons, groups, and editors' decisions kept."""

import io
import json

import pytest
from django.core.management import call_command

from factcheck.models import Claim, ClaimGroup, ClaimLink, LinkDecision, LinkRelation
from factcheck.services import analyse_source, comparison
from tests.factories import SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

TREATY_A = (
    "The Ottawa Convention, which bans landmines, came into force in 1999.\n\n"
    "As of last year, it had over 160 parties, according to the campaign."
)
TREATY_B = (
    "The Ottawa Convention, the treaty that bans landmines, has been signed by 133 nations, "
    "officials said."
)
TREATY_C = (
    "The Ottawa Convention, which bans landmines, has more than 160 states parties, the "
    "campaign said."
)
UNRELATED = "The city zoo welcomed 12 penguin chicks born during the mild spring weather."


def analyse(body: str):
    source = SourceFactory(body=body)
    analyse_source(source=source)
    return source


def link_between(a: Claim, b: Claim) -> ClaimLink:
    left, right = sorted([a, b], key=lambda claim: claim.pk)
    return ClaimLink.objects.get(left=left, right=right)


def claim_with(source, fragment: str) -> Claim:
    return source.claims.get(text__contains=fragment)


def test_incompatible_numbers_across_sources_are_linked_as_a_contradiction_with_the_reason():
    first, second = analyse(TREATY_A), analyse(TREATY_B)
    link = link_between(claim_with(first, "over 160 parties"), claim_with(second, "133 nations"))
    assert link.relation == LinkRelation.CONTRADICTS
    assert "over 160" in link.reason
    assert "133" in link.reason
    assert link.differences[0]["fact"] == "quantity"
    assert 0 < link.confidence <= 1


def test_agreeing_claims_from_different_outlets_share_a_group():
    first, third = analyse(TREATY_A), analyse(TREATY_C)
    claim, other = claim_with(first, "over 160 parties"), claim_with(third, "more than 160")
    link = link_between(claim, other)
    assert link.relation == LinkRelation.AGREES
    claim.refresh_from_db()
    other.refresh_from_db()
    assert claim.group_id is not None
    assert claim.group_id == other.group_id
    assert claim.group.canonical_text in {claim.text, other.text}


def test_a_new_agreeing_claim_joins_the_existing_group():
    first, third = analyse(TREATY_A), analyse(TREATY_C)
    group = claim_with(first, "over 160 parties").group
    fourth = analyse(TREATY_C.replace("the campaign said", "a spokesperson told reporters"))
    assert claim_with(fourth, "more than 160").group == group
    assert claim_with(third, "more than 160").group == group
    assert ClaimGroup.objects.count() == 1


def test_unrelated_claims_are_never_even_compared(monkeypatch):
    analyse(TREATY_A)
    calls = []
    real_compare = comparison.compare

    def counting(left, right):
        calls.append((left.text, right.text))
        return real_compare(left, right)

    monkeypatch.setattr(comparison, "compare", counting)
    zoo = analyse(UNRELATED)
    assert zoo.claims.exists()
    assert calls == []
    assert not ClaimLink.objects.filter(left__source=zoo).exists()
    assert not ClaimLink.objects.filter(right__source=zoo).exists()


def test_recomparing_is_idempotent():
    analyse(TREATY_A), analyse(TREATY_B), analyse(TREATY_C)
    snapshot = list(ClaimLink.objects.order_by("id").values_list("id", "relation", "reason"))
    groups = list(Claim.objects.order_by("id").values_list("id", "group_id"))
    out = io.StringIO()
    call_command("compare_claims", "--all", "--no-progress", stdout=out)
    assert "Compared" in out.getvalue()
    assert list(ClaimLink.objects.order_by("id").values_list("id", "relation", "reason")) == (
        snapshot
    )
    assert list(Claim.objects.order_by("id").values_list("id", "group_id")) == groups


def test_a_rejected_link_never_comes_back_and_a_confirmed_one_is_kept():
    first, second = analyse(TREATY_A), analyse(TREATY_B)
    link = link_between(claim_with(first, "over 160 parties"), claim_with(second, "133 nations"))
    editor = UserFactory()
    ClaimLink.objects.filter(pk=link.pk).update(
        decision=LinkDecision.REJECTED, decided_by=editor, reason="Editor: different counts."
    )
    call_command("compare_claims", "--all", "--no-progress", stdout=io.StringIO())
    analyse_source(source=second)
    link.refresh_from_db()
    assert link.decision == LinkDecision.REJECTED
    assert link.reason == "Editor: different counts."
    assert ClaimLink.objects.filter(pk=link.pk).count() == 1


def test_a_claim_an_editor_placed_is_never_moved():
    first, third = analyse(TREATY_A), analyse(TREATY_C)
    claim = claim_with(first, "over 160 parties")
    own_group = ClaimGroup.objects.create(canonical_text="Editor's own group")
    Claim.objects.filter(pk=claim.pk).update(group=own_group, group_locked=True)
    call_command("compare_claims", "--all", "--no-progress", stdout=io.StringIO())
    claim.refresh_from_db()
    assert claim.group == own_group
    # The editor's claim pulled nobody into its group either.
    assert claim_with(third, "more than 160").group != own_group


def test_compare_claims_without_all_handles_only_pending_claims():
    source = analyse(TREATY_A)
    out = io.StringIO()
    call_command("compare_claims", "--no-progress", stdout=out)
    assert "Compared 0 claims" in out.getvalue()
    Claim.objects.filter(source=source).update(compared_at=None)
    out = io.StringIO()
    call_command("compare_claims", "--no-progress", stdout=out)
    assert f"Compared {source.claims.count()} claims" in out.getvalue()


def test_the_export_carries_group_and_links():
    first, second = analyse(TREATY_A), analyse(TREATY_B)
    out = io.StringIO()
    call_command("export_claims", stdout=out, stderr=io.StringIO())
    records = {record["id"]: record for record in map(json.loads, out.getvalue().splitlines())}
    claim = claim_with(first, "over 160 parties")
    other = claim_with(second, "133 nations")
    entry = next(link for link in records[claim.pk]["links"] if link["claim"] == other.pk)
    assert entry["relation"] == "contradicts"
    assert "133" in entry["reason"]
    assert "group" in records[claim.pk]


def test_the_claim_page_shows_the_other_side_and_the_reason(admin_client):
    first = analyse(TREATY_A)
    analyse(TREATY_B)
    claim = claim_with(first, "over 160 parties")
    html = admin_client.get(f"/admin/factcheck/claim/{claim.pk}/change/").content.decode()
    assert "has been signed by" in html
    assert "133 is not more than 160" in html
    # The differing values are marked on both sides.
    assert '<mark class="factdesk-diff">133 nations</mark>' in html
    assert '<mark class="factdesk-diff">over 160 parties</mark>' in html


def test_a_stored_claim_this_version_cannot_read_is_left_out_and_logged(caplog):
    first = analyse(TREATY_A)
    unreadable = first.claims.get(text__contains="160 parties")
    Claim.objects.filter(pk=unreadable.pk).update(facts={**unreadable.facts, "schema": 99})
    second = analyse(TREATY_C)
    assert f"not compared: claim {unreadable.pk}: facts schema 99" in caplog.text
    linked = {pk for pair in ClaimLink.objects.values_list("left_id", "right_id") for pk in pair}
    assert unreadable.pk not in linked
    assert second.claims.filter(pk__in=linked).exists()  # the rest is still compared


def test_a_claims_stored_keys_keep_the_order_claim_keys_gave_them():
    # Comparison reads the batch's keys back from the index instead of recomputing them; the
    # rarest are looked up first, and ties must break the same way as when they were made.
    from factcheck.models import ClaimKey
    from factcheck.pipeline import retrieval
    from factcheck.pipeline.facts import Facts

    analyse(TREATY_B)
    for claim in Claim.objects.all():
        stored = list(
            ClaimKey.objects.filter(claim=claim).order_by("id").values_list("key", flat=True)
        )
        made = retrieval.claim_keys(claim.text, claim.context, Facts.from_json(claim.facts))
        assert stored == made
        assert len(made) > 3
