"""What other apps run on imported documents: in the import's transaction, then in batches
once committed, also when a run stops early or a step fails."""

import pytest
from django.db import DatabaseError

from sources import services
from sources.models import Source
from sources.readers import Document
from sources.services import AfterImport, import_documents

pytestmark = pytest.mark.django_db


def document(n: int) -> Document:
    text = f"Story {n}\n\nThe council of town number {n} approved a budget of {n} million."
    return Document(origin=f"doc-{n}.txt", format="text", raw_text=text, text=text)


@pytest.fixture
def recorded(monkeypatch):
    """Only a recording step runs (factcheck's extraction and comparison are left out)."""
    batches: list[list[str]] = []
    inside: list[str] = []

    def in_transaction(result):
        inside.append(result.source.origin)
        return {"seen": 1}

    def after_commit(results):
        batches.append([result.source.origin for result in results])
        return {"compared": len(results)}

    monkeypatch.setattr(
        services, "_AFTER_IMPORT", {"test": AfterImport("test", in_transaction, after_commit)}
    )
    monkeypatch.setattr(services, "AFTER_COMMIT_BATCH", 3)
    return batches, inside


def test_committed_documents_are_handed_on_in_batches_once_each(recorded):
    batches, inside = recorded
    tally = import_documents([document(n) for n in range(7)])
    assert [len(batch) for batch in batches] == [3, 3, 1]
    assert sorted(origin for batch in batches for origin in batch) == sorted(inside)
    assert tally.derived == {"seen": 7, "compared": 7}


def test_a_single_document_import_runs_its_steps_at_once(recorded):
    batches, _ = recorded
    result = services.import_document(document=document(1))
    assert batches == [["doc-1.txt"]]
    assert result.derived == {"seen": 1, "compared": 1}


def test_a_run_that_stops_early_still_hands_on_what_it_committed(recorded):
    batches, _ = recorded

    def documents():
        yield document(1)
        yield document(2)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_documents(documents())
    assert batches == [["doc-1.txt", "doc-2.txt"]]


def test_a_failing_after_commit_step_is_reported_and_the_documents_stay_stored(
    recorded, monkeypatch
):
    def broken(results):
        raise DatabaseError("deadlock detected")

    monkeypatch.setattr(
        services,
        "_AFTER_IMPORT",
        {"test": AfterImport("test", lambda result: None, broken)},
    )
    reported = []
    tally = import_documents([document(1), document(2)], on_error=reported.append)
    assert Source.objects.count() == 2
    assert (tally.created, tally.failed) == (2, 0)
    assert len(reported) == 1
    assert "deadlock detected" in reported[0].reason
    assert reported[0].origin == "doc-1.txt"
    assert tally.errors == [str(reported[0])]


def test_data_a_step_cannot_read_is_reported_and_the_run_goes_on(recorded, monkeypatch):
    calls = []

    def unreadable(results):
        calls.append([result.source.origin for result in results])
        raise ValueError("claim 7: facts schema 2 is not known")

    monkeypatch.setattr(
        services, "_AFTER_IMPORT", {"test": AfterImport("test", lambda result: None, unreadable)}
    )
    reported = []
    tally = import_documents([document(n) for n in range(7)], on_error=reported.append)
    assert Source.objects.count() == 7
    assert (tally.created, tally.failed) == (7, 0)
    # Each batch is handed on once, even when its step fails.
    assert [len(batch) for batch in calls] == [3, 3, 1]
    assert len(reported) == 3
    assert "facts schema 2 is not known" in reported[0].reason
