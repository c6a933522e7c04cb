"""The matcher's sentence embeddings: computed once per text, stored, and optional."""

import pytest

from factcheck import match_index
from factcheck.models import MatchVector
from factcheck.pipeline import embedding
from tests.api.test_api import API, checked_elsewhere, get, publish

pytestmark = pytest.mark.django_db

CHECKS = [
    "Poland is leaving the landmine treaty to deter Russia.",
    "The Baltic states left the Ottawa Convention in 2025.",
    "Latvia's parliament voted to withdraw from the landmine ban.",
]


def rebuild() -> None:
    match_index.published_index.reset()
    match_index.published_index.warm()


def test_each_published_claim_is_encoded_once_and_its_vector_kept(monkeypatch):
    for n, text in enumerate(CHECKS):
        checked_elsewhere(text, str(n))
    publish()
    encoded: list[str] = []
    real_encode = embedding.encode

    def counting(texts):
        encoded.extend(texts)
        return real_encode(texts)

    monkeypatch.setattr(embedding, "encode", counting)
    rebuild()
    assert sorted(encoded) == sorted([*CHECKS, "The treaty has 133 states parties."])
    assert MatchVector.objects.count() == 4

    encoded.clear()
    rebuild()  # another process starting: everything is read back, nothing encoded
    assert encoded == []


def test_the_embedding_ranks_a_paraphrase_first(client):
    for n, text in enumerate(CHECKS):
        checked_elsewhere(text, str(n))
    rebuild()
    results = get(
        client, "/fact-checks/match/", text="Warsaw will quit the anti-personnel mine treaty"
    ).json()
    assert results[0]["claim_reviewed"] == CHECKS[0]


def test_without_the_model_the_matcher_still_answers_and_stores_no_vectors(client, monkeypatch):
    monkeypatch.setattr(embedding, "available", lambda: False)
    for n, text in enumerate(CHECKS):
        checked_elsewhere(text, str(n))
    rebuild()
    response = client.get(f"{API}/fact-checks/match/", {"text": CHECKS[1]})
    assert response.json()[0]["claim_reviewed"] == CHECKS[1]
    assert not MatchVector.objects.exists()


def test_the_warm_command_encodes_what_is_missing_before_the_servers_start():
    import io

    from django.core.management import call_command

    for n, text in enumerate(CHECKS):
        checked_elsewhere(text, str(n))
    out = io.StringIO()
    call_command("warm_match_index", stdout=out)
    assert "3 fact-checks, 3 newly encoded" in out.getvalue()
    assert MatchVector.objects.count() == 3
