"""Workers importing at the same time still compare their articles with each other."""

import threading
from collections import Counter

import pytest
from django.db import OperationalError, connection
from django.db.models import Count

from factcheck.models import Claim, ClaimKey, ClaimLink, KeyFrequency, LinkRelation
from factcheck.services import comparison
from sources.readers import Document
from sources.services import import_document

TREATY_A = (
    "The Ottawa Convention, which bans landmines, came into force in 1999.\n\n"
    "As of last year, it had over 160 parties, according to the campaign."
)
TREATY_B = (
    "The Ottawa Convention, the treaty that bans landmines, has been signed by 133 nations, "
    "officials said."
)
OTHERS = [
    "The port reopened on Tuesday after a 12-day strike, officials said.",
    "The council approved a budget of 4.2 million pounds for the new library on Monday.",
    "Unemployment fell to 5.1% in March, the statistics office said.",
    "The company said it would cut 1,200 jobs by the end of 2026.",
]

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a server database with real concurrency"
)


def document(name: str, text: str) -> Document:
    return Document(origin=f"wire/{name}.txt", format="text", raw_text=text, text=text)


def run_in_parallel(jobs):
    errors = []

    def run(job):
        try:
            job()
        except Exception as error:  # reported by the test, not lost in the thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_two_articles_compared_at_the_same_moment_are_linked_once(monkeypatch):
    # Both imports reach the comparison together, each having committed its claims and keys:
    # each must see the other's, and the pair both find must be stored once.
    barrier = threading.Barrier(2, timeout=30)
    compute_links = comparison._compute_links

    def compute_links_together(batch):
        barrier.wait()
        return compute_links(batch)

    monkeypatch.setattr(comparison, "_compute_links", compute_links_together)
    run_in_parallel(
        [
            lambda: import_document(document=document("a", TREATY_A)),
            lambda: import_document(document=document("b", TREATY_B)),
        ]
    )
    over_160 = Claim.objects.get(text__contains="over 160")
    nations = Claim.objects.get(text__contains="133 nations")
    left, right = sorted([over_160, nations], key=lambda claim: claim.pk)
    links = ClaimLink.objects.filter(left=left, right=right)
    assert [link.relation for link in links] == [LinkRelation.CONTRADICTS]
    assert Claim.objects.get(pk=over_160.pk).has_contradiction
    assert Claim.objects.get(pk=nations.pk).has_contradiction


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_key_frequencies_stay_exact_when_imports_overlap():
    texts = [TREATY_A, TREATY_B, *OTHERS]
    run_in_parallel(
        [
            lambda name=name, text=text: import_document(document=document(name, text))
            for name, text in enumerate(texts)
        ]
    )
    assert Claim.objects.count() >= len(texts)
    counted = Counter(
        dict(ClaimKey.objects.values("key").annotate(n=Count("claim")).values_list("key", "n"))
    )
    stored = Counter(dict(KeyFrequency.objects.filter(claims__gt=0).values_list("key", "claims")))
    assert stored == counted


@pytest.mark.django_db(transaction=True)
def test_a_comparison_aborted_as_a_deadlock_is_run_again(monkeypatch):
    import_document(document=document("a", TREATY_A))
    calls = []
    real_compare = comparison._compare

    class Deadlock(Exception):
        sqlstate = "40P01"

    def deadlock_once(batch, *, reindex):
        calls.append(len(batch))
        if len(calls) == 1:
            raise OperationalError("deadlock detected") from Deadlock()
        return real_compare(batch, reindex=reindex)

    monkeypatch.setattr(comparison, "_compare", deadlock_once)
    import_document(document=document("b", TREATY_B))
    assert len(calls) == 2
    assert ClaimLink.objects.filter(relation=LinkRelation.CONTRADICTS).exists()


@pytest.mark.django_db(transaction=True)
def test_other_database_errors_in_a_comparison_are_not_retried(monkeypatch):
    calls = []

    def broken(batch, *, reindex):
        calls.append(1)
        raise OperationalError("disk full")

    monkeypatch.setattr(comparison, "_compare", broken)
    with pytest.raises(OperationalError):
        import_document(document=document("a", TREATY_A))
    assert calls == [1]
    # The import itself committed; the claims wait for compare_pending.
    assert Claim.objects.filter(compared_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_importing_the_same_article_again_finishes_a_comparison_that_failed(monkeypatch):
    import_document(document=document("a", TREATY_A))
    real_compare = comparison._compare

    def broken(batch, *, reindex):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(comparison, "_compare", broken)
    with pytest.raises(OperationalError):
        import_document(document=document("b", TREATY_B))
    monkeypatch.setattr(comparison, "_compare", real_compare)

    import_document(document=document("b", TREATY_B))
    assert not Claim.objects.filter(compared_at__isnull=True).exists()
    assert ClaimLink.objects.filter(relation=LinkRelation.CONTRADICTS).exists()
