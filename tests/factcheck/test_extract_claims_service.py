"""extract_claims: idempotent, version-aware, and never loses editorial work."""

import pytest

from factcheck.models import Claim, ReviewStatus
from factcheck.services import extract_claims
from sources.models import Source
from sources.readers import Document
from sources.services import ImportStatus, import_document
from tests.factories import SourceFactory, UserFactory

pytestmark = pytest.mark.django_db

BODY = (
    "The council approved a budget of 12 million euros on Tuesday, the mayor said.\n\n"
    "Over 160 residents had signed a petition against the plan, according to campaigners.\n\n"
    "Unemployment in the city fell to 4.1% last year, official figures show."
)


def claim_texts(source) -> list[str]:
    return list(source.claims.order_by("start").values_list("text", flat=True))


def test_claims_are_stored_with_offsets_into_the_current_version():
    source = SourceFactory(body=BODY)
    result = extract_claims(source=source)
    assert result.created == source.claims.count() >= 2
    for claim in source.claims.all():
        assert source.body[claim.start : claim.end] == claim.text
        assert claim.source_version == source.version
        assert claim.status == ReviewStatus.NEEDS_REVIEW
        assert claim.facts["types"][0] == claim.claim_type


def test_running_extraction_again_changes_nothing_and_keeps_ids():
    source = SourceFactory(body=BODY)
    extract_claims(source=source)
    before = list(source.claims.order_by("id").values_list("id", "text", "start", "facts"))
    result = extract_claims(source=source)
    assert (result.created, result.removed) == (0, 0)
    assert list(source.claims.order_by("id").values_list("id", "text", "start", "facts")) == (
        before
    )


def test_a_new_version_keeps_unchanged_sentences_and_replaces_machine_claims():
    source = SourceFactory(body=BODY)
    extract_claims(source=source)
    kept = source.claims.get(text__startswith="Over 160 residents")
    dropped = source.claims.get(text__startswith="Unemployment")

    source.body = "A new first paragraph about 300 new homes built in 2024.\n\n" + BODY.replace(
        "4.1%", "3.9%"
    )
    source.version = 2
    source.save()
    extract_claims(source=source)

    kept.refresh_from_db()
    assert kept.source_version == 2
    assert source.body[kept.start : kept.end] == kept.text
    assert not Claim.objects.filter(pk=dropped.pk).exists()
    assert source.claims.filter(text__contains="3.9%").exists()


def test_claims_an_editor_touched_survive_a_re_extraction_that_no_longer_finds_them():
    source = SourceFactory(body=BODY)
    extract_claims(source=source)
    editor = UserFactory()
    reviewed = source.claims.get(text__startswith="Unemployment")
    reviewed.status = ReviewStatus.IN_REVIEW
    reviewed.reviewed_by = editor
    reviewed.save()

    source.body = BODY.replace("4.1%", "3.9%")
    source.version = 2
    source.save()
    result = extract_claims(source=source)

    reviewed.refresh_from_db()
    assert result.kept == 1
    assert reviewed.status == ReviewStatus.IN_REVIEW
    assert reviewed.source_version == 1
    assert "4.1%" in reviewed.text


def test_an_editors_status_survives_re_extraction_of_the_same_text():
    source = SourceFactory(body=BODY)
    extract_claims(source=source)
    claim = source.claims.first()
    Claim.objects.filter(pk=claim.pk).update(
        status=ReviewStatus.NOT_CHECK_WORTHY, editor_note="Opinion."
    )
    extract_claims(source=source)
    claim.refresh_from_db()
    assert (claim.status, claim.editor_note) == (ReviewStatus.NOT_CHECK_WORTHY, "Opinion.")


def test_importing_an_article_extracts_its_claims_once():
    document = Document(origin="a.txt", format="text", raw_text=BODY, text=BODY, title="Budget")
    first = import_document(document=document)
    assert first.status == ImportStatus.CREATED
    ids = claim_texts(first.source)
    assert ids
    second = import_document(document=document)
    assert second.status == ImportStatus.UNCHANGED
    assert claim_texts(second.source) == ids


def test_a_failing_extraction_stores_neither_the_source_nor_its_claims(monkeypatch):
    from factcheck.services import extraction

    def explode(*args, **kwargs):
        raise RuntimeError("extractor crashed")

    monkeypatch.setattr(extraction, "_extract", explode)
    document = Document(origin="a.txt", format="text", raw_text=BODY, text=BODY, title="Budget")
    with pytest.raises(RuntimeError):
        import_document(document=document)
    assert not Claim.objects.exists()
    assert not Source.objects.exists()
