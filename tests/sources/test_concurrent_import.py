"""Two imports of the same document at once never store it twice."""

import threading

import pytest
from django.db import connection

from sources import services
from sources.models import Source
from sources.readers import Document
from sources.services import ImportStatus, import_article

TEXT = "Port reopens\n\nThe port reopened on Tuesday after a 12-day strike, officials said."


def document(origin: str = "wire/port.txt", url: str | None = None) -> Document:
    return Document(origin=origin, format="text", raw_text=TEXT, text=TEXT, url=url)


@pytest.mark.django_db
def test_an_import_that_loses_the_race_finds_the_winners_row(monkeypatch):
    import_article(document=document())
    real_find = services._find_existing
    calls = []

    def find_nothing_the_first_time(fields):
        # As if another import inserted the row between our lookup and our insert.
        calls.append(fields)
        return None if len(calls) == 1 else real_find(fields)

    monkeypatch.setattr(services, "_find_existing", find_nothing_the_first_time)
    result = import_article(document=document(origin="elsewhere/port.txt"))
    assert result.status == ImportStatus.UNCHANGED
    assert len(calls) == 2
    assert Source.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs a server database with real concurrency"
)
def test_parallel_imports_of_one_url_store_one_source():
    barrier = threading.Barrier(4)
    statuses = []

    def run():
        barrier.wait()
        try:
            statuses.append(import_article(document=document(url="https://wire.example/port")))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result.status for result in statuses) == sorted(
        [ImportStatus.CREATED] + [ImportStatus.UNCHANGED] * 3
    )
    assert Source.objects.count() == 1
