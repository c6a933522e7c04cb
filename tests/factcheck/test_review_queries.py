"""The queue and the claim page cost a fixed number of queries, whatever the data size."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.paginators import CAP, CappedCountPaginator
from factcheck.roles import EDITOR
from tests.factories import ClaimFactory, ClaimGroupFactory, ClaimLinkFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (content types, permissions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def populate(claims: int) -> None:
    group = ClaimGroupFactory()
    VerdictFactory(group=group)
    made = [ClaimFactory(group=group if n % 2 else None) for n in range(claims)]
    for left, right in itertools.pairwise(made):
        ClaimLinkFactory(left=left, right=right)


def test_the_queue_costs_the_same_for_5_or_40_claims(client_for):
    editor = client_for(EDITOR)
    url = reverse("admin:factcheck_claim_changelist")
    populate(5)
    small = count_queries(editor, url)
    populate(35)
    assert count_queries(editor, url) == small
    assert small <= 12


def test_the_claim_page_costs_the_same_for_1_or_12_links(client_for):
    editor = client_for(EDITOR)
    claim = ClaimFactory()
    ClaimLinkFactory(left=claim)
    url = reverse("admin:factcheck_claim_change", args=[claim.pk])
    few = count_queries(editor, url)
    for _ in range(11):
        ClaimLinkFactory(left=claim)
    assert count_queries(editor, url) == few
    assert few <= 25


def test_the_paginator_never_counts_past_its_cap():
    paginator = CappedCountPaginator(list(range(5)), 2)
    assert paginator.count == 5
    populate(3)
    from factcheck.models import Claim

    capped = CappedCountPaginator(Claim.objects.order_by("id"), 2)
    with CaptureQueriesContext(connection) as queries:
        assert capped.count == 3
    assert f"LIMIT {CAP + 1}" in queries[0]["sql"]
    assert not capped.is_capped


def test_the_dashboard_shows_the_newsroom_counts(client_for):
    populate(4)
    html = client_for(EDITOR).get(reverse("admin:index")).content.decode()
    assert "Claims needing review" in html
    assert "Open contradictions" in html
    assert "Verdicts awaiting approval" in html
    assert "Recently published" in html
