"""Build a large, realistic Factdesk database for benchmarking cross-source comparison.

Usage::

    .venv/bin/python bench/generate.py --claims 100000 \\
        --database postgres://postgres@127.0.0.1:5432/factdesk_bench_100000 [--reset]

The BBC News corpus (/work/shared/data/bbc-news/bbc_news.jsonl, read in place, never copied)
and the seed articles are cleaned and their claims extracted ONCE. Copy 0 stores them as they
are; every further copy stores each article again as a new source from another synthetic
outlet, published at another time, whose claims are the template claims with some numbers
scaled a little (agreements within tolerance), some changed a lot (contradictions), some left
identical (agreements) and some person names swapped for others. The claim text, the source
body and the offsets in ``facts`` are edited together, so every span still points at its text
without running extraction again. Rows go in with ``bulk_create`` inside transactions, then
the retrieval index is built with ``factcheck.services.index_claims`` in batches.

A database that already holds claims is refused unless ``--reset`` (which wipes it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BBC = Path("/work/shared/data/bbc-news/bbc_news.jsonl")
SEEDS = ROOT / "seeds"
N_OUTLETS = 200
# Extraction is deterministic, so its output can be reused between runs (scratch space only).
DEFAULT_CACHE = Path("/tmp/benchcmp/templates.json")
# Relative dates in the templates resolve against this day; copies spread over the next year.
BASE_DATE = dt.datetime(2005, 1, 1, 9, 0, tzinfo=dt.UTC)

_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_DEBUG", "1")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    django.setup()
    # DEBUG keeps every SQL string (bulk inserts are megabytes each) and slows every query;
    # production runs without it, so the benchmark does too.
    settings.DEBUG = False


def reset_database(database: str) -> None:
    """Empty the target: delete the SQLite file, or drop and recreate the PostgreSQL database."""
    if database.startswith("sqlite:"):
        path = Path(database.removeprefix("sqlite:///"))
        path = Path("/" + str(path).lstrip("/")) if database.startswith("sqlite:////") else path
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        return
    ensure_postgres_database(database, drop=True)


def ensure_postgres_database(database: str, *, drop: bool = False) -> None:
    from urllib.parse import urlsplit

    import psycopg

    parts = urlsplit(database)
    name = parts.path.lstrip("/")
    with psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        dbname="postgres",
        autocommit=True,
    ) as conn:
        if drop:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


# --------------------------------------------------------------------------- templates


def load_articles() -> list[dict[str, str]]:
    articles = []
    with BBC.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            articles.append(
                {
                    "key": "bbc-" + row["id"].replace("/", "-").removesuffix(".txt"),
                    "title": row["title"],
                    "text": row["text"],
                    "format": "jsonl",
                }
            )
    for path in sorted(SEEDS.glob("*.txt")):
        articles.append(
            {
                "key": "seed-" + path.stem,
                "title": "",
                "text": path.read_text(encoding="utf-8"),
                "format": "text",
            }
        )
    return articles


def build_templates(cache: Path | None) -> list[dict[str, Any]]:
    """Cleaned body and extracted claims of every article, extracted once."""
    if cache is not None and cache.exists():
        return json.loads(cache.read_text())
    from factcheck.pipeline.cleaning import clean_article, normalise_text
    from factcheck.pipeline.extract import extract_claims

    started = time.perf_counter()
    templates = []
    for article in load_articles():
        cleaned = clean_article(normalise_text(article["text"]), title=article["title"] or None)
        body = cleaned.body.strip()
        title = " ".join((article["title"] or cleaned.title or article["key"]).split())[:450]
        if not body:
            continue
        claims = []
        for c in extract_claims(body, published=BASE_DATE):
            claims.append(
                {
                    "text": c.text,
                    "start": c.start,
                    "end": c.end,
                    "paragraph": c.paragraph,
                    "score": c.score,
                    "claim_type": c.claim_type,
                    "is_attributed": c.is_attributed,
                    "is_quote": c.is_quote,
                    "speaker": (c.speaker or "")[:300],
                    "facts": c.facts.as_json(),
                    "context": c.context.text if c.context else "",
                }
            )
        templates.append(
            {
                "key": article["key"],
                "title": title,
                "body": body,
                "format": article["format"],
                "claims": claims,
            }
        )
    n = sum(len(t["claims"]) for t in templates)
    print(
        f"extracted {n} template claims from {len(templates)} articles "
        f"in {time.perf_counter() - started:.1f}s",
        flush=True,
    )
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(templates))
    return templates


def person_pool(templates: list[dict[str, Any]]) -> list[str]:
    names = set()
    for t in templates:
        for c in t["claims"]:
            for a in c["facts"]["actors"]:
                if a["kind"] == "person" and a["text"] == a["name"] and " " in a["name"]:
                    names.add(a["name"])
    return sorted(names)


# --------------------------------------------------------------------------- perturbation


@dataclass(slots=True)
class Edit:
    start: int
    end: int
    new: str


def _remap(edits: list[Edit]):
    """Offset map from the old claim text to the edited one (edits sorted, disjoint)."""

    def move(offset: int, is_end: bool) -> int:
        delta = 0
        for e in edits:
            if offset < e.start or (offset == e.start and not is_end):
                break
            if offset < e.end or (offset == e.end and is_end):
                # Inside (or closing) an edited span: snap to the edited span's bounds.
                return e.start + delta + (len(e.new) if is_end else 0)
            delta += len(e.new) - (e.end - e.start)
        return offset + delta

    return move


def _format_like(original: str, value: float) -> str:
    decimals = len(original.split(".")[1]) if "." in original else 0
    text = f"{value:,.{decimals}f}" if "," in original else f"{value:.{decimals}f}"
    return text


def _scaled_number(q: dict[str, Any], factor: float) -> tuple[int, int, str, float] | None:
    """The digits of a quantity, rewritten times ``factor``: (start, end, text, exact factor)."""
    runs = list(_DIGITS.finditer(q["text"]))
    if len(runs) != 1 or q["value"] is None:
        return None  # word numbers and ranges stay as they are
    digits = runs[0].group().rstrip(",")
    number = float(digits.replace(",", ""))
    if number == 0 or (q["unit"] is None and 1900 <= number <= 2100 and "." not in digits):
        return None  # years are not amounts
    new_text = _format_like(digits, number * factor)
    new_number = float(new_text.replace(",", ""))
    if new_number == 0 or new_text == digits:
        return None
    start = q["start"] + runs[0].start()
    return start, start + len(digits), new_text, new_number / number


def perturb_claim(claim: dict[str, Any], rng: random.Random, pool: list[str]) -> dict[str, Any]:
    """A copy of a template claim with numbers and names changed, spans kept consistent."""
    facts = claim["facts"]
    edits: list[Edit] = []
    scale: dict[int, float] = {}
    roll = rng.random()
    if facts["quantities"] and roll >= 0.45:
        # 35 %: within tolerance-ish noise; 20 %: a clearly different figure.
        for index, q in enumerate(facts["quantities"]):
            if rng.random() < 0.6:
                factor = (
                    rng.uniform(0.8, 1.25) if roll < 0.8 else rng.choice((0.4, 0.5, 1.6, 2.0, 3.0))
                )
                found = _scaled_number(q, factor)
                if found:
                    edits.append(Edit(found[0], found[1], found[2]))
                    scale[index] = found[3]
    swapped: dict[int, str] = {}
    if pool and rng.random() < 0.15:
        people = [
            i
            for i, a in enumerate(facts["actors"])
            if a["kind"] == "person" and a["text"] == a["name"] and " " in a["name"]
        ]
        if people:
            i = rng.choice(people)
            actor = facts["actors"][i]
            name = rng.choice(pool)
            if name != actor["name"]:
                edits.append(Edit(actor["start"], actor["end"], name))
                swapped[i] = name
    if not edits:
        return claim
    edits.sort(key=lambda e: e.start)
    # Drop overlapping edits (a number inside a name, say): the first one wins.
    kept: list[Edit] = []
    for e in edits:
        if not kept or e.start >= kept[-1].end:
            kept.append(e)
    edits = kept
    move = _remap(edits)
    text = claim["text"]
    pieces, last = [], 0
    for e in edits:
        pieces += [text[last : e.start], e.new]
        last = e.end
    pieces.append(text[last:])
    new_text = "".join(pieces)

    def span(item: dict[str, Any], s: str = "start", e: str = "end") -> dict[str, Any]:
        out = dict(item)
        if item.get(s) is not None and item.get(e) is not None:
            out[s], out[e] = move(item[s], False), move(item[e], True)
        return out

    quantities = []
    for index, q in enumerate(facts["quantities"]):
        q = span(q)
        if index in scale:
            for name in ("value", "low", "high"):
                if q[name] is not None:
                    q[name] = q[name] * scale[index]
        q["text"] = new_text[q["start"] : q["end"]]
        quantities.append(q)
    actors = []
    for index, a in enumerate(facts["actors"]):
        a = span(a)
        a["text"] = new_text[a["start"] : a["end"]]
        if index in swapped:
            a["name"] = swapped[index]
        actors.append(a)
    dates = []
    for d in facts["dates"]:
        d = span(d)
        d["text"] = new_text[d["start"] : d["end"]]
        dates.append(d)
    attribution = facts["attribution"]
    speaker = claim["speaker"]
    if attribution is not None:
        attribution = span(
            span(attribution, "speaker_start", "speaker_end"), "quote_start", "quote_end"
        )
        if attribution.get("speaker_start") is not None and attribution["from_sentence"] == "same":
            attribution["speaker"] = new_text[
                attribution["speaker_start"] : attribution["speaker_end"]
            ]
            speaker = attribution["speaker"][:300] if claim["is_attributed"] else speaker
        if attribution.get("quote_start") is not None and attribution["from_sentence"] == "same":
            attribution["quote"] = new_text[attribution["quote_start"] : attribution["quote_end"]]
    new_facts = dict(
        facts, quantities=quantities, actors=actors, dates=dates, attribution=attribution
    )
    return dict(claim, text=new_text, facts=new_facts, speaker=speaker)


def perturb_article(
    template: dict[str, Any], copy: int, pool: list[str]
) -> tuple[str, list[dict[str, Any]]]:
    """The body and claims of one copy; copy 0 is the article as it is."""
    claims = template["claims"]
    if copy == 0:
        return template["body"], claims
    rng = random.Random(f"{copy}/{template['key']}")
    body = template["body"]
    pieces, last, out = [], 0, []
    length = 0
    for claim in sorted(claims, key=lambda c: c["start"]):
        if claim["start"] < last:
            continue  # overlapping spans cannot be spliced; never seen, but be safe
        new = perturb_claim(claim, rng, pool)
        gap = body[last : claim["start"]]
        pieces.append(gap)
        length += len(gap)
        start = length
        pieces.append(new["text"])
        length += len(new["text"])
        out.append(dict(new, start=start, end=length))
        last = claim["end"]
    pieces.append(body[last:])
    return "".join(pieces), out


# --------------------------------------------------------------------------- writing


def make_outlets():
    from sources.models import Outlet

    existing = list(Outlet.objects.filter(domain__endswith=".bench.example").order_by("id"))
    if len(existing) >= N_OUTLETS:
        return existing
    Outlet.objects.bulk_create(
        [
            Outlet(name=f"Bench Outlet {i:03d}", domain=f"outlet{i:03d}.bench.example")
            for i in range(N_OUTLETS)
        ],
        ignore_conflicts=True,
    )
    return list(Outlet.objects.filter(domain__endswith=".bench.example").order_by("id"))


def source_for(template, copy: int, body: str, outlets, rng: random.Random, tag: str = "copy"):
    from sources.models import Source

    title = template["title"] if copy == 0 else f"{template['title']} ({tag} {copy})"
    origin = f"bench/{tag}-{copy}/{template['key']}"
    published = BASE_DATE + dt.timedelta(seconds=rng.randrange(365 * 24 * 3600))
    return Source(
        outlet=rng.choice(outlets),
        title=title[:500],
        published_at=published,
        language="en",
        body=body,
        raw_text=body,
        origin=origin,
        format=template["format"],
        content_hash=hashlib.sha256(f"{origin}\n{title}\n{body}".encode()).hexdigest(),
    )


def claim_rows(source, claims):
    from factcheck.models import Claim

    return [
        Claim(
            source=source,
            source_version=1,
            text=c["text"],
            start=c["start"],
            end=c["end"],
            paragraph=c["paragraph"],
            score=c["score"],
            claim_type=c["claim_type"],
            is_attributed=c["is_attributed"],
            is_quote=c["is_quote"],
            speaker=c["speaker"],
            facts=c["facts"],
            context=c["context"],
        )
        for c in claims
    ]


def generate(target: int, templates, *, index_batch: int = 5000, quiet: bool = False) -> dict:
    from django.db import transaction

    from factcheck.models import Claim, ClaimKey
    from factcheck.services import index_claims
    from sources.models import Source

    pool = person_pool(templates)
    outlets = make_outlets()
    usable = [t for t in templates if t["claims"]]
    started = time.perf_counter()
    total = copy = 0
    pending_sources = []

    def flush() -> None:
        with transaction.atomic():
            Source.objects.bulk_create([s for s, _ in pending_sources], batch_size=5000)
            rows = [row for s, claims in pending_sources for row in claim_rows(s, claims)]
            Claim.objects.bulk_create(rows, batch_size=5000)
        pending_sources.clear()

    while total < target:
        rng = random.Random(copy)
        for template in usable:
            body, claims = perturb_article(template, copy, pool)
            claims = claims[: target - total]
            pending_sources.append((source_for(template, copy, body, outlets, rng), claims))
            total += len(claims)
            if sum(len(c) for _, c in pending_sources) >= 20_000:
                flush()
                if not quiet:
                    rate = total / (time.perf_counter() - started)
                    print(f"  inserted {total:,} claims ({rate:,.0f}/s)", flush=True)
            if total >= target:
                break
        copy += 1
    if pending_sources:
        flush()
    insert_seconds = time.perf_counter() - started

    started = time.perf_counter()
    last = 0
    done = 0
    while True:
        with transaction.atomic():
            batch = list(
                Claim.objects.filter(pk__gt=last)
                .order_by("pk")
                .only("id", "text", "context", "facts")[:index_batch]
            )
            if not batch:
                break
            index_claims(batch)
        last = batch[-1].pk
        done += len(batch)
        if not quiet and done % 100_000 < index_batch:
            rate = done / (time.perf_counter() - started)
            print(f"  indexed {done:,} claims ({rate:,.0f}/s)", flush=True)
    index_seconds = time.perf_counter() - started
    keys = ClaimKey.objects.count()
    return {
        "claims": Claim.objects.count(),
        "sources": Source.objects.count(),
        "copies": copy,
        "insert_seconds": insert_seconds,
        "index_seconds": index_seconds,
        "claim_keys": keys,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--database", required=True, help="sqlite:////path or postgres://...")
    parser.add_argument("--reset", action="store_true", help="wipe the database first")
    parser.add_argument(
        "--template-cache",
        type=Path,
        default=DEFAULT_CACHE,
        help="scratch file for the extracted templates ('' to disable)",
    )
    args = parser.parse_args(argv)
    if args.reset:
        reset_database(args.database)
    elif args.database.startswith("postgres"):
        ensure_postgres_database(args.database)
    setup_django(args.database)
    from django.core.management import call_command

    from factcheck.models import Claim

    call_command("migrate", verbosity=0)
    if Claim.objects.exists():
        print("database already holds claims; use --reset to wipe it", file=sys.stderr)
        return 2
    started = time.perf_counter()
    cache = args.template_cache if str(args.template_cache) else None
    templates = build_templates(cache)
    template_seconds = time.perf_counter() - started
    stats = generate(args.claims, templates)
    stats["template_seconds"] = template_seconds
    stats["total_seconds"] = time.perf_counter() - started
    print(
        f"{stats['claims']:,} claims in {stats['sources']:,} sources ({stats['copies']} copies); "
        f"templates {template_seconds:.1f}s; insert {stats['insert_seconds']:.1f}s "
        f"({stats['claims'] / stats['insert_seconds']:,.0f} claims/s); "
        f"index {stats['index_seconds']:.1f}s ({stats['claims'] / stats['index_seconds']:,.0f} "
        f"claims/s, {stats['claim_keys']:,} keys); total {stats['total_seconds']:.1f}s"
    )
    print("STATS " + json.dumps(stats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
