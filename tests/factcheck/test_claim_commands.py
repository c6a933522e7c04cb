"""extract_claims and export_claims from the command line."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from factcheck.models import Claim, ClaimKey, ClaimLink, LinkRelation
from tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

BODY = (
    "The council approved a budget of 12 million euros on Tuesday, the mayor said.\n\n"
    "Over 160 residents had signed a petition against the plan, according to campaigners."
)


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_importing_the_seeds_extracts_claims_from_every_article():
    out = run("import_articles", str(Path(settings.BASE_DIR) / "seeds"), "--no-progress")
    assert Claim.objects.values("source").distinct().count() == 5
    # The summary says what the import made of the articles, as stored.
    links = ClaimLink.objects.all()
    contradictions = links.filter(relation=LinkRelation.CONTRADICTS).count()
    assert contradictions >= 1  # the seeds disagree on the treaty's membership
    assert out.splitlines() == [
        "Imported 5 new, 0 new versions, 0 unchanged, 0 failed.",
        f"claims found: {Claim.objects.count()}, new links: {links.count()}, "
        f"new contradictions: {contradictions}.",
    ]


def test_extract_claims_all_reruns_every_source_without_duplicates():
    sources = [SourceFactory(body=BODY), SourceFactory(body=BODY.replace("12", "14"))]
    out = run("extract_claims", "--all", "--no-progress")
    count = Claim.objects.count()
    assert count >= 2 * len(sources)
    assert f"from 2 sources: {count} new" in out
    run("extract_claims", "--all", "--no-progress")
    assert Claim.objects.count() == count


def test_extracted_claims_are_indexed_and_compared_with_the_other_sources():
    SourceFactory(body=BODY)
    SourceFactory(body=BODY.replace("12 million", "19 million"))
    run("extract_claims", "--all", "--no-progress")
    assert not Claim.objects.filter(compared_at__isnull=True).exists()
    assert ClaimKey.objects.exists()
    assert ClaimLink.objects.filter(relation=LinkRelation.CONTRADICTS).exists()


def test_extract_claims_for_chosen_sources_only():
    chosen, other = SourceFactory(body=BODY), SourceFactory(body=BODY)
    run("extract_claims", "--source", str(chosen.pk), "--no-progress")
    assert chosen.claims.exists()
    assert not other.claims.exists()


def test_extract_claims_refuses_unknown_sources_and_missing_arguments():
    with pytest.raises(CommandError, match="No source with id 999"):
        run("extract_claims", "--source", "999")
    with pytest.raises(CommandError, match="either --source"):
        run("extract_claims")


def test_export_jsonl_has_one_claim_per_line_with_its_source():
    source = SourceFactory(body=BODY, origin="wire/budget.txt")
    run("extract_claims", "--all", "--no-progress")
    lines = run("export_claims").splitlines()
    assert len(lines) == Claim.objects.count()
    record = json.loads(lines[0])
    assert {"id", "text", "type", "score", "status", "facts", "source"} <= set(record)
    assert record["source"] == {
        "id": source.pk,
        "title": source.title,
        "url": source.url,
        "outlet": source.outlet.name,
        "origin": "wire/budget.txt",
    }
    assert record["facts"]["quantities"]


def test_export_csv_to_a_file(tmp_path):
    SourceFactory(body=BODY)
    run("extract_claims", "--all", "--no-progress")
    target = tmp_path / "claims.csv"
    run("export_claims", "--format=csv", f"--output={target}")
    rows = list(csv.DictReader(target.open()))
    assert len(rows) == Claim.objects.count()
    assert json.loads(rows[0]["facts"])["types"]
    assert rows[0]["source_origin"]
    assert not (tmp_path / "claims.csv.partial").exists()


def test_export_to_an_unwritable_place_fails_cleanly(tmp_path):
    with pytest.raises(CommandError, match="missing-dir"):
        run("export_claims", f"--output={tmp_path / 'missing-dir' / 'claims.jsonl'}")


def test_a_reimport_counts_only_the_links_it_adds(tmp_path):
    copy = tmp_path / "seeds"
    copy.mkdir()
    for path in (Path(settings.BASE_DIR) / "seeds").iterdir():
        (copy / path.name).write_text(path.read_text())
    run("import_articles", str(copy), "--no-progress")
    before = ClaimLink.objects.count()
    assert before
    for path in copy.glob("*.txt"):  # a new version of every article: all links recomputed
        path.write_text(path.read_text() + "\n\nThe ministry will publish its report in May.\n")
    out = run("import_articles", str(copy), "--no-progress")
    assert "0 new, 5 new versions" in out
    assert f"new links: {ClaimLink.objects.count() - before}," in out
