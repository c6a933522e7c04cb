"""On PostgreSQL the queue's search is served by trigram indexes, not by a table scan."""

import pytest
from django.db import connection

from factcheck import selectors
from factcheck.models import Claim
from tests.factories import ClaimFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's pg_trgm"),
]


def test_the_migrations_create_the_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%_trgm"])
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        "claim_text_trgm",
        "claim_speaker_trgm",
        "claimgroup_text_trgm",
        "source_title_trgm",
    }


def test_a_search_can_use_them():
    ClaimFactory.create_batch(3)
    queryset = selectors.search_claims(Claim.objects.all(), "budget")
    with connection.cursor() as cursor:
        # On a table this small a scan is cheaper; forbid it to see whether the indexes fit
        # the SQL Django writes (an index on a different expression would not be usable).
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = queryset.order_by().explain()
    assert "claim_text_trgm" in plan
    assert "claim_speaker_trgm" in plan
