"""Build a large, realistic Factdesk database: sources, claims, groups, links, fact-checks.

Usage::

    .venv/bin/python bench/generate.py --claims 1000000 \\
        --database postgres://postgres@127.0.0.1:5432/factdesk_bench_1m --reset \\
        [--sources N] [--groups N] [--factchecks N] [--jobs 2] [--verify]

Templates. The BBC News corpus (/work/shared/data/bbc-news/bbc_news.jsonl, read in place,
never copied) and the seed articles are cleaned and their claims extracted ONCE (cached in
/tmp/benchcmp/templates.json). Every copy of an article is the article again with some numbers
scaled a little, some changed a lot, some person names swapped for others; the claim text, the
body and the offsets in ``facts`` are edited together, so every span still points at its text
without running extraction again. Copy 0 keeps the text as it is.

Sources (``--sources``, default claims / 20). A generated source is a page that runs one to
three stories of the same BBC section (business, sport, ...; the seeds are a section of their
own), each later story under its own headline paragraph, like a section round-up. Claim offsets
and paragraph numbers are shifted into the joined body. The mix of one, two and three stories
is chosen so that the average reaches the target (a BBC article has about 11 claims, so 20 claims
a source takes about 1.8 stories). Every round of copies bundles each article once, differently
each time; each source gets one of 200 synthetic outlets and a publication time within a year,
and sources are numbered in publication order, as an import stream would number them.

Groups (``--groups``, default claims / 10) and links. The copies of one template claim are the
same claim. They are split, in publication order, into blocks of consecutive copies, as many
blocks per template claim as reach the target on average (so about ten copies a group). To have
enough copies at small sizes, only the first templates (seeds, then BBC articles in a fixed
shuffled order) are used until they hold ``--groups`` claims; a million claims use them all.
The canonical claim is ``grouping.canonical_member`` of the block; each other member gets a
``ClaimLink`` to it (left = lower id): ``contradicts`` when a number differs from the
canonical's by more than x0.7 to x1.43 or a person's name differs, else ``agrees``, with a
confidence, reason and ``differences`` shaped like ``factcheck.pipeline.comparison``'s. (The
real comparison is stricter on numbers, 0.5 %, and would not group contradicting copies; here
they stay in the group so that a group shows its contradictions.) ``has_contradiction``,
``compared_at`` (the import time plus 2 s) and the group's ``created_at`` (when its second member
was compared) follow what the pipeline would have set. ``--groups 0`` writes no groups, no links
and no fact-checks, and leaves every claim pending comparison, as before.

Fact-checks (``--factchecks``, default 10,000 but at most a tenth of the groups): published
verdicts on distinct groups of two or more claims, by bench authors and reviewers, with a slug
like ``_unique_slug``'s, a rating leaning towards false when the group holds contradictions, a
summary, an explanation quoting the original report, ``published_at`` 2 hours to 10 days after
the group was founded, and one or two ``Evidence`` rows. Members of fact-checked groups are
``in_review``.

Retrieval index. ``ClaimKey`` and ``KeyFrequency`` rows are computed in Python with
``retrieval.claim_keys`` (the function ``factcheck.services.index_claims`` calls): once per
template claim for unchanged copies, in ``--jobs - 1`` worker processes for edited ones.
``--verify`` rebuilds them with ``index_claims`` inside a rolled-back transaction and compares.

Loading. On PostgreSQL every table is filled with COPY, with primary keys assigned here, in one
transaction: secondary indexes and the unique and foreign-key constraints of the loaded tables
are dropped first and rebuilt from their catalogue definitions at the end (CHECK constraints
stay), then the id sequences are moved past the new rows and the database is vacuumed and
analysed. Elsewhere (SQLite) the same rows go in with ``bulk_create``.

A database that already holds claims is refused unless ``--reset`` (which wipes it).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import random
import re
import sys
import time
from array import array
from collections import Counter
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
    from factcheck.pipeline.extract import extract_claims
    from factcheck.services.extraction import machine_values
    from sources.cleaning import clean_article, normalise_text

    started = time.perf_counter()
    templates = []
    for article in load_articles():
        cleaned = clean_article(normalise_text(article["text"]), title=article["title"] or None)
        body = cleaned.body.strip()
        title = " ".join((article["title"] or cleaned.title or article["key"]).split())[:450]
        if not body:
            continue
        claims = [machine_values(c) for c in extract_claims(body, published=BASE_DATE)]
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


def perturb_indexed(
    template: dict[str, Any], copy: int, pool: list[str]
) -> tuple[str, list[tuple[int, dict[str, Any]]]]:
    """The body and claims of one copy, each claim with its index in the template.

    Copy 0 is the article as it is. An unchanged claim keeps the template's ``facts`` object,
    which is how the writer knows it may reuse what it computed for the template claim.
    """
    claims = template["claims"]
    if copy == 0:
        return template["body"], list(enumerate(claims))
    rng = random.Random(f"{copy}/{template['key']}")
    body = template["body"]
    pieces, last, out = [], 0, []
    length = 0
    for index in sorted(range(len(claims)), key=lambda i: claims[i]["start"]):
        claim = claims[index]
        if claim["start"] < last:
            continue  # overlapping spans cannot be spliced; never seen, but be safe
        new = perturb_claim(claim, rng, pool)
        gap = body[last : claim["start"]]
        pieces.append(gap)
        length += len(gap)
        start = length
        pieces.append(new["text"])
        length += len(new["text"])
        out.append((index, dict(new, start=start, end=length)))
        last = claim["end"]
    pieces.append(body[last:])
    return "".join(pieces), out


def perturb_article(
    template: dict[str, Any], copy: int, pool: list[str]
) -> tuple[str, list[dict[str, Any]]]:
    """The body and claims of one copy; copy 0 is the article as it is."""
    body, claims = perturb_indexed(template, copy, pool)
    return body, [claim for _, claim in claims]


# --------------------------------------------------------------------------- outlets (ORM)


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
    """One unsaved source for one article copy (bench_compare.py adds articles with it)."""
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


def bench_users():
    """Authors and reviewers of the generated fact-checks (a reviewer never wrote it)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    authors = [
        users.get_or_create(username=f"bench-author-{i}", defaults={"is_staff": True})[0].pk
        for i in range(1, 7)
    ]
    reviewers = [
        users.get_or_create(username=f"bench-reviewer-{i}", defaults={"is_staff": True})[0].pk
        for i in range(1, 4)
    ]
    return authors, reviewers


# --------------------------------------------------------------------------- plan: sources

YEAR = 365 * 24 * 3600
# compare_claims runs in the import's transaction, a moment after the claims are written.
_COMPARED_AFTER = dt.timedelta(seconds=2)


def section_of(template: dict[str, Any]) -> str:
    """BBC section from the key (bbc-business-001 -> business); the seeds are one section."""
    key = template["key"]
    return key.split("-")[1] if key.startswith("bbc-") else "seed"


def select_templates(templates: list[dict[str, Any]], wanted_claims: int | None) -> list[dict]:
    """Articles to copy: the seeds, then BBC articles in a fixed shuffled order, until they
    hold ``wanted_claims`` claims (all of them when None)."""
    usable = [t for t in templates if t["claims"]]
    usable.sort(key=lambda t: (section_of(t) != "seed", hashlib.md5(t["key"].encode()).hexdigest()))
    if wanted_claims is None:
        return usable
    out, held = [], 0
    for template in usable:
        if held >= wanted_claims:
            break
        out.append(template)
        held += len(template["claims"])
    return out


def story_mix(stories_per_source: float) -> tuple[tuple[int, ...], tuple[float, ...]]:
    """Sizes (stories per source) and their weights whose mean is the wanted average.

    Between 1.5 and 2.5 half the sources run two stories and the rest one or three; outside
    that range the two nearest whole numbers are mixed. Clamped to one to three stories.
    """
    k = min(3.0, max(1.0, stories_per_source))
    if 1.5 <= k <= 2.5:
        three = (k - 1.5) / 2
        return (1, 2, 3), (0.5 - three, 0.5, three)
    low = int(k)
    if low >= 3:
        return (3,), (1.0,)
    return (low, low + 1), (1 - (k - low), k - low)


@dataclass(slots=True)
class Bundle:
    """One generated source: which articles (indexes into the selection), which copy."""

    copy: int
    articles: tuple[int, ...]
    limit: int | None = None  # the last source may take only the first claims
    published: dt.datetime | None = None
    imported: dt.datetime | None = None
    compared: dt.datetime | None = None  # its claims were compared just after the import
    outlet: int = 0


def plan_sources(
    selected: list[dict[str, Any]], claims: int, sources: int
) -> tuple[list[Bundle], float]:
    """Every source to write, in publication order, and the average stories per source."""
    per_article = sum(len(t["claims"]) for t in selected) / len(selected)
    wanted = (claims / sources) / per_article if sources > 0 else 1.0
    sizes, weights = story_mix(wanted)
    by_section: dict[str, list[int]] = {}
    for index, template in enumerate(selected):
        by_section.setdefault(section_of(template), []).append(index)
    bundles: list[Bundle] = []
    total = copy = 0
    while total < claims:
        rng = random.Random(f"bundles/{copy}")
        round_bundles = []
        for section in sorted(by_section):
            articles = list(by_section[section])
            rng.shuffle(articles)
            while articles:
                size = rng.choices(sizes, weights)[0]
                round_bundles.append(Bundle(copy, tuple(articles[:size])))
                del articles[:size]
        rng.shuffle(round_bundles)  # which sources the last, partial round keeps
        for bundle in round_bundles:
            count = sum(len(selected[i]["claims"]) for i in bundle.articles)
            if total + count >= claims:
                bundle.limit = claims - total
                bundles.append(bundle)
                total = claims
                break
            bundles.append(bundle)
            total += count
        copy += 1
    rng = random.Random("times")
    for bundle in bundles:
        bundle.published = BASE_DATE + dt.timedelta(seconds=rng.randrange(YEAR))
        # Imported within half an hour of publication, as a feed poll would.
        bundle.imported = bundle.published + dt.timedelta(seconds=rng.randrange(60, 1800))
        bundle.compared = bundle.imported + _COMPARED_AFTER
        bundle.outlet = rng.randrange(N_OUTLETS)
    bundles.sort(key=lambda b: (b.published, b.copy, b.articles))
    stories = sum(len(b.articles) for b in bundles) / len(bundles)
    return bundles, stories


class Realiser:
    """Builds the body and claims of a planned source (deterministic: run it twice)."""

    def __init__(self, selected: list[dict[str, Any]], pool: list[str]):
        self.selected = selected
        self.pool = pool
        self.base = []  # global index of each article's first template claim
        n = 0
        for template in selected:
            self.base.append(n)
            n += len(template["claims"])
        self.template_claims = n

    def title(self, bundle: Bundle) -> str:
        first = self.selected[bundle.articles[0]]
        title = first["title"]
        if len(bundle.articles) > 1:
            more = len(bundle.articles) - 1
            title += f", and {more} more {section_of(first)} {'story' if more == 1 else 'stories'}"
        if bundle.copy:
            title += f" (copy {bundle.copy})"
        return title[:500]

    def origin(self, bundle: Bundle) -> str:
        keys = "+".join(self.selected[i]["key"] for i in bundle.articles)
        return f"bench/copy-{bundle.copy}/{keys}"

    def realise(self, bundle: Bundle) -> tuple[str, list[tuple[int, dict[str, Any], bool]]]:
        """(body, [(template claim number, claim, edited)]) of one source."""
        parts: list[str] = []
        out: list[tuple[int, dict[str, Any], bool]] = []
        offset = paragraph = 0
        for position, index in enumerate(bundle.articles):
            template = self.selected[index]
            body, claims = perturb_indexed(template, bundle.copy, self.pool)
            if position:
                # Later stories run under their own headline, a paragraph of its own.
                head = f"\n\n{template['title']}\n\n"
                parts.append(head)
                offset += len(head)
                paragraph += 2
            originals = template["claims"]
            for number, claim in claims:
                edited = claim["facts"] is not originals[number]["facts"]
                if offset:
                    claim = dict(
                        claim,
                        start=claim["start"] + offset,
                        end=claim["end"] + offset,
                        paragraph=claim["paragraph"] + paragraph,
                    )
                out.append((self.base[index] + number, claim, edited))
            parts.append(body)
            offset += len(body)
            paragraph += body.count("\n\n")
        if bundle.limit is not None:
            out = out[: bundle.limit]
        return "".join(parts), out


# --------------------------------------------------------------------------- groups and links

# A figure further than this from the canonical claim's counts as "changed a lot".
CONTRADICTION_RATIO = 0.7


def claim_info(claim: dict[str, Any]) -> tuple:
    """What grouping and linking need of a claim: (text, score, is_quote, needs_context,
    quantities as (text, value, is_percentage, counted), person name per actor or None)."""
    from factcheck.pipeline.context import needs_context

    facts = claim["facts"]
    return (
        claim["text"],
        claim["score"],
        claim["is_quote"],
        bool(claim["context"]) or needs_context(claim["text"]),
        tuple(
            (q["text"], q["value"], bool(q.get("is_percentage")), bool(q.get("counted")))
            for q in facts["quantities"]
        ),
        tuple(a["name"] if a["kind"] == "person" else None for a in facts["actors"]),
    )


def _fmt(value: float, percentage: bool) -> str:
    """A number as ``comparison._fmt`` writes it in explanations."""
    if percentage:
        return f"{value:g}%"
    if value >= 1e9 and value % 1e8 == 0:
        return f"{value / 1e9:g} billion"
    if value >= 1e6 and value % 1e5 == 0:
        return f"{value / 1e6:g} million"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def relation(left: tuple, right: tuple) -> tuple[str, float, str, list[dict[str, str]]]:
    """(relation, confidence, reason, differences) of two copies of one template claim,
    ``left`` being the lower id, in the shape ``comparison.compare`` gives them."""
    diffs: list[tuple[float, dict[str, str]]] = []
    for (l_text, l_value, pct, counted), (r_text, r_value, _, _) in zip(
        left[4], right[4], strict=True
    ):
        if not l_value or r_value is None:
            continue
        ratio = r_value / l_value
        if ratio < CONTRADICTION_RATIO or ratio > 1 / CONTRADICTION_RATIO:
            explanation = f"{_fmt(l_value, pct)} and {_fmt(r_value, pct)} are different numbers."
            item = {"fact": "quantity", "left": l_text, "right": r_text}
            diffs.append((0.9 if counted else 0.8, item | {"explanation": explanation}))
    for l_name, r_name in zip(left[5], right[5], strict=True):
        if l_name and r_name and l_name != r_name:
            explanation = f"Source A names {l_name}, source B names {r_name} instead."
            item = {"fact": "actors", "left": l_name, "right": r_name}
            diffs.append((0.8, item | {"explanation": explanation}))
    if diffs:
        diffs.sort(key=lambda d: -d[0])
        unique, seen = [], set()
        for _, d in diffs:
            if (d["fact"], d["left"], d["right"]) not in seen:
                seen.add((d["fact"], d["left"], d["right"]))
                unique.append(d)
        confidence = min(0.97, diffs[0][0] + 0.05 * (len(diffs) - 1))
        first = unique[0]
        reason = first["explanation"]
        if first["fact"] == "quantity":
            reason = f"Source A says {first['left']}, source B says {first['right']}: {reason}"
        if len(unique) > 1:
            reason += " " + unique[1]["explanation"]
        return "contradicts", round(confidence, 3), reason, unique
    reason = "Both make the same statement"
    if left[4] and all(lq[1] == rq[1] for lq, rq in zip(left[4], right[4], strict=True)):
        reason += f"; both give {left[4][0][0]}"
    return "agrees", 0.97 if left[0] == right[0] else 0.93, reason + ".", []


@dataclass(slots=True)
class Group:
    members: list[int]  # claim numbers (0-based, in id order)
    canonical: int
    template_claim: int
    created: dt.datetime
    contradictions: int = 0
    factchecked: bool = False


# --------------------------------------------------------------------------- fact-check text

_RATING_LEAN = {
    # rating: (weight without contradictions, weight with contradictions in the group)
    "true": (4, 0.5),
    "mostly_true": (3, 1),
    "mixed": (1, 3),
    "mostly_false": (0.5, 2),
    "false": (0.5, 2),
    "misleading": (1, 2),
    "unproven": (1, 1),
}
_SUMMARIES = {
    "true": "Accurate: the claim matches the figures in the original report.",
    "mostly_true": "Broadly right, but it leaves out context that changes how it reads.",
    "mixed": "Partly right: outlets repeated it with different figures or names.",
    "mostly_false": "The central figure is wrong, although the story behind it is real.",
    "false": "Wrong: the figures quoted do not match the source they come from.",
    "misleading": "The numbers are real but the comparison they are used in misleads.",
    "unproven": "There is not enough public evidence to say whether this is right.",
}
_EVIDENCE = [
    ("Office for National Statistics", "Official statistics release", "Gives the figure."),
    ("Hansard", "Parliamentary record of the debate", "Shows what was actually said."),
    ("Company filings", "Annual report and accounts", "Has the figures as published."),
    ("Electoral Commission", "Published results", "Lists the official results."),
    ("Department for Education", "Statistical first release", "Gives the official series."),
]


# --------------------------------------------------------------------------- rows

SOURCE_FIELDS = (
    "id", "outlet_id", "title", "byline", "url", "published_at", "language", "body",
    "raw_text", "removed_blocks", "origin", "format", "content_hash", "version", "imported_at",
    "version_imported_at", "updated_at",
)  # fmt: skip
CLAIM_FIELDS = (
    "id", "source_id", "source_version", "text", "start", "end", "paragraph", "score",
    "claim_type", "is_attributed", "is_quote", "speaker", "facts", "context", "group_id",
    "group_locked", "compared_at", "status", "editor_note", "reviewed_by_id", "assigned_to_id",
    "has_contradiction", "created_at", "updated_at",
)  # fmt: skip
GROUP_FIELDS = ("id", "canonical_text", "canonical_claim_id", "created_at", "updated_at")
LINK_FIELDS = (
    "id", "left_id", "right_id", "relation", "confidence", "reason", "differences", "decision",
    "decided_by_id", "decided_at", "created_at", "updated_at",
)  # fmt: skip
KEY_FIELDS = ("id", "key", "claim_id")
FREQUENCY_FIELDS = ("key", "claims")
VERDICT_FIELDS = (
    "id", "group_id", "rating", "summary", "explanation", "state", "author_id", "reviewer_id",
    "version", "slug", "published_at", "last_corrected_at", "withdrawn_at", "created_at",
    "updated_at",
)  # fmt: skip
EVIDENCE_FIELDS = ("id", "group_id", "title", "url", "publisher", "note", "position")

# Claims per write batch (sources, claims and their keys go in per batch).
BATCH = 20_000


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _minimal_facts(facts: dict[str, Any]) -> dict[str, Any]:
    """The part of ``facts`` that ``retrieval.claim_keys`` reads (cheap to send to a worker)."""
    span = {"text": "", "start": 0, "end": 0}  # required by Facts.from_json, unread by keys
    return {
        "actors": [
            {**span, "kind": a.get("kind"), "name": a["name"], "members": a.get("members", ())}
            for a in facts.get("actors", ())
        ],
        "quantities": [{**span, "value": q["value"]} for q in facts.get("quantities", ())],
    }


def keys_of(items: list[tuple[str, str, dict[str, Any]]]) -> list[list[str]]:
    """Retrieval keys of (text, context, facts) items; runs in worker processes too."""
    from factcheck.pipeline import retrieval
    from factcheck.pipeline.facts import Facts

    return [
        retrieval.claim_keys(text, context, Facts.from_json(facts))
        for text, context, facts in items
    ]


class _Done:
    """A finished result with the interface of ``AsyncResult`` (no worker processes)."""

    def __init__(self, value):
        self.value = value

    def get(self):
        return self.value


def generate(
    target: int,
    templates: list[dict[str, Any]],
    *,
    sources: int | None = None,
    groups: int | None = None,
    factchecks: int | None = None,
    workers=None,
    quiet: bool = False,
) -> dict:
    """Write ``target`` claims with their sources, groups, links, keys and fact-checks."""
    from copy_rows import Loader, check_fields, copy_text
    from django.db import connection, transaction
    from django.utils.text import slugify

    from factcheck import ratings
    from factcheck.models import (
        Claim,
        ClaimGroup,
        ClaimKey,
        ClaimLink,
        Evidence,
        KeyFrequency,
        Verdict,
    )
    from factcheck.pipeline import grouping
    from sources.models import Source

    models = {
        Source: SOURCE_FIELDS,
        Claim: CLAIM_FIELDS,
        ClaimGroup: GROUP_FIELDS,
        ClaimLink: LINK_FIELDS,
        ClaimKey: KEY_FIELDS,
        KeyFrequency: FREQUENCY_FIELDS,
        Verdict: VERDICT_FIELDS,
        Evidence: EVIDENCE_FIELDS,
    }
    for model, fields in models.items():
        check_fields(model, fields)
    sources = sources if sources is not None else max(1, target // 20)
    groups = groups if groups is not None else target // 10
    if factchecks is None:
        # 10,000 at a million claims; a tenth of the groups below that.
        factchecks = min(10_000, groups // 10)
    if groups <= 0:
        factchecks = 0
    phases: dict[str, float] = {}
    clock = [time.perf_counter()]

    def phase(name: str) -> None:
        now = time.perf_counter()
        phases[name] = round(now - clock[0], 2)
        clock[0] = now
        if not quiet:
            print(f"  {name}: {phases[name]:.1f}s", flush=True)

    # ---------------------------------------------------------------- plan
    pool = person_pool(templates)
    selected = select_templates(templates, groups if groups > 0 else None)
    bundles, stories = plan_sources(selected, target, sources)
    realiser = Realiser(selected, pool)
    outlets = [o.pk for o in make_outlets()]
    authors, reviewers = bench_users()
    loader = Loader(connection)
    ids = {model: loader.next_id(model) for model in models if model is not KeyFrequency}
    # What grouping needs of each template claim, and of each claim whose text was edited.
    template_info: list[tuple | None] = [None] * realiser.template_claims
    template_of: list[tuple[int, int]] = []  # template claim number -> (article, claim index)
    for index, template in enumerate(selected):
        template_of.extend((index, number) for number in range(len(template["claims"])))
    claim_template = array("i")  # claim number -> template claim number
    claim_source = array("i")  # claim number -> source number
    edited_info: dict[int, tuple] = {}
    for s, bundle in enumerate(bundles):
        _, claims = realiser.realise(bundle)
        for number, claim, edited in claims:
            n = len(claim_template)
            claim_template.append(number)
            claim_source.append(s)
            if edited:
                edited_info[n] = claim_info(claim)
            elif template_info[number] is None:
                template_info[number] = claim_info(claim)
    n_claims = len(claim_template)

    def info(n: int) -> tuple:
        found = edited_info.get(n)
        return found if found is not None else template_info[claim_template[n]]

    def member(n: int):
        text, score, is_quote, needs_context, _, _ = info(n)
        return grouping.Member(n, text, score, needs_context, is_quote)

    def compared(n: int) -> dt.datetime:
        return bundles[claim_source[n]].compared

    phase("plan")

    # ---------------------------------------------------------------- groups
    group_list: list[Group] = []
    claim_group = array("q", bytes(8 * n_claims))
    contradicted = bytearray(n_claims)
    if groups > 0:
        members_of: list[list[int]] = [[] for _ in range(realiser.template_claims)]
        for n, number in enumerate(claim_template):
            members_of[number].append(n)
        rng = random.Random("groups")
        share = groups / n_claims
        for number, members in enumerate(members_of):
            if len(members) < 2:
                continue  # a claim seen once has nothing to agree with
            wanted = len(members) * share
            blocks = int(wanted) + (rng.random() < wanted - int(wanted))
            blocks = max(1, min(blocks, len(members) // 2))
            size, extra = divmod(len(members), blocks)
            first = 0
            for b in range(blocks):
                block = members[first : first + size + (b < extra)]
                first += len(block)
                best = grouping.canonical_member(member(n) for n in block)
                group_list.append(Group(block, best.id, number, compared(block[1])))
        # Ids in founding order, as the pipeline creates groups while it compares.
        group_list.sort(key=lambda g: (g.members[1], g.members[0]))
        for g, group in enumerate(group_list):
            for n in group.members:
                claim_group[n] = ids[ClaimGroup] + g
                if n != group.canonical:
                    pair = sorted((n, group.canonical))
                    if relation(info(pair[0]), info(pair[1]))[0] == "contradicts":
                        contradicted[n] = contradicted[group.canonical] = 1
                        group.contradictions += 1
        rng = random.Random("factchecks")
        for group in rng.sample(group_list, min(factchecks, len(group_list))):
            group.factchecked = True
    phase("groups")

    # ---------------------------------------------------------------- load
    vendor = connection.vendor
    in_review = bytearray(n_claims)
    for group in group_list:
        if group.factchecked:
            for n in group.members:
                in_review[n] = 1
    frequencies: Counter[str] = Counter()
    counts = {"claim_keys": 0, "links": 0, "contradictions": 0, "verdicts": 0, "evidence": 0}
    template_keys: dict[int, list[str]] = {}
    template_json: dict[int, str] = {}
    tables = [model._meta.db_table for model in models]
    schema_before = loader.schema_of(tables) if vendor == "postgresql" else []

    def batches():
        """(source rows, [(claim number, template claim, claim, edited)]) per ~BATCH claims."""
        source_rows, claim_items = [], []
        n = 0
        for s, bundle in enumerate(bundles):
            body, claims = realiser.realise(bundle)
            title, origin = realiser.title(bundle), realiser.origin(bundle)
            digest = hashlib.sha256(f"{origin}\n{title}\n{body}".encode()).hexdigest()
            fmt = selected[bundle.articles[0]]["format"]
            imported = bundle.imported
            source_rows.append(
                (ids[Source] + s, outlets[bundle.outlet], title, "", "", bundle.published, "en",
                 body, body, "[]", origin, fmt, digest, 1, imported, imported, imported)
            )  # fmt: skip
            for number, claim, edited in claims:
                claim_items.append((n, s, number, claim, edited))
                n += 1
            if len(claim_items) >= BATCH:
                yield source_rows, claim_items
                source_rows, claim_items = [], []
        if source_rows:
            yield source_rows, claim_items

    def claim_rows(items):
        claim0, source0 = ids[Claim], ids[Source]
        for n, s, number, claim, edited in items:
            if edited:
                facts = _dumps(claim["facts"])
            else:
                facts = template_json.get(number)
                if facts is None:
                    facts = template_json[number] = _dumps(claim["facts"])
            created, checked = bundles[s].imported, bundles[s].compared
            yield (
                claim0 + n, source0 + s, 1, claim["text"], claim["start"], claim["end"],
                claim["paragraph"], claim["score"], claim["claim_type"], claim["is_attributed"],
                claim["is_quote"], claim["speaker"], facts, claim["context"],
                claim_group[n] or None, False, checked if groups > 0 else None,
                "in_review" if in_review[n] else "needs_review", "", None, None,
                bool(contradicted[n]), created, created,
            )  # fmt: skip

    key_id = [ids[ClaimKey]]

    def write_keys(items, job) -> None:
        edited_keys = iter(job.get())
        claim0 = ids[Claim]
        per_claim = []
        for n, _, number, claim, edited in items:
            if edited:
                keys = next(edited_keys)
            else:
                keys = template_keys.get(number)
                if keys is None:
                    keys = template_keys[number] = keys_of(
                        [(claim["text"], claim["context"], claim["facts"])]
                    )[0]
            frequencies.update(keys)
            per_claim.append((claim0 + n, keys))
        first = key_id[0]
        total = sum(len(keys) for _, keys in per_claim)
        key_id[0] += total
        counts["claim_keys"] += total
        if vendor == "postgresql":

            def chunks():
                k = first
                lines = []
                for claim_id, keys in per_claim:
                    joined = "".join(keys)
                    if "\\" in joined or "\t" in joined or "\n" in joined or "\r" in joined:
                        keys = [copy_text(key) for key in keys]
                    for key in keys:
                        lines.append(f"{k}\t{key}\t{claim_id}\n")
                        k += 1
                    if len(lines) >= 50_000:
                        yield "".join(lines)
                        lines = []
                if lines:
                    yield "".join(lines)

            loader.write_text(ClaimKey, KEY_FIELDS, chunks(), total)
        else:

            def rows():
                k = first
                for claim_id, keys in per_claim:
                    for key in keys:
                        yield (k, key, claim_id)
                        k += 1

            loader.write(ClaimKey, KEY_FIELDS, rows())

    with transaction.atomic():
        restore: list[str] = []
        with connection.cursor() as cursor:
            # No claims means no keys: any frequencies left are stale.
            cursor.execute(f"DELETE FROM {KeyFrequency._meta.db_table}")
            if vendor == "postgresql":
                cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
                cursor.execute("SET LOCAL synchronous_commit = off")
        restore = loader.set_aside_indexes(tables)
        phase("drop_indexes")
        pending = None
        written = 0
        load_started = time.perf_counter()
        for source_rows, items in batches():
            edited = [
                (c["text"], c["context"], _minimal_facts(c["facts"])) for *_, c, e in items if e
            ]
            job = workers.apply_async(keys_of, (edited,)) if workers else _Done(keys_of(edited))
            loader.write(Source, SOURCE_FIELDS, source_rows)
            loader.write(Claim, CLAIM_FIELDS, claim_rows(items))
            if pending:
                write_keys(*pending)
            pending = (items, job)
            written += len(items)
            if not quiet and written % 100_000 < BATCH:
                rate = written / (time.perf_counter() - load_started)
                print(f"    {written:,} claims ({rate:,.0f}/s)", flush=True)
        if pending:
            write_keys(*pending)
        phase("sources_claims_keys")

        loader.write(KeyFrequency, FREQUENCY_FIELDS, frequencies.items())
        phase("key_frequencies")

        def group_rows():
            for g, group in enumerate(group_list):
                yield (
                    ids[ClaimGroup] + g, info(group.canonical)[0], ids[Claim] + group.canonical,
                    group.created, group.created,
                )  # fmt: skip

        def link_rows():
            link_id = ids[ClaimLink]
            claim0 = ids[Claim]
            for group in group_list:
                for n in group.members:
                    if n == group.canonical:
                        continue
                    left, right = sorted((n, group.canonical))
                    kind, confidence, reason, differences = relation(info(left), info(right))
                    counts["links"] += 1
                    counts["contradictions"] += kind == "contradicts"
                    found = compared(right)
                    yield (
                        link_id, claim0 + left, claim0 + right, kind, confidence, reason,
                        _dumps(differences), "pending", None, None, found, found,
                    )  # fmt: skip
                    link_id += 1

        loader.write(ClaimGroup, GROUP_FIELDS, group_rows())
        loader.write(ClaimLink, LINK_FIELDS, link_rows())
        phase("groups_links")

        scale = [r.key for r in ratings.scale()]
        lean = [key for key in _RATING_LEAN if key in scale] or scale
        rng = random.Random("verdicts")
        verdicts = []
        for g, group in enumerate(group_list):
            if group.factchecked:
                published = group.created + dt.timedelta(seconds=rng.randrange(7200, 10 * 86400))
                verdicts.append((published, g, group))
        verdicts.sort(key=lambda v: (v[0], v[1]))

        def verdict_rows(evidence: list[tuple]):
            verdict0 = ids[Verdict]
            for v, (published, g, group) in enumerate(verdicts):
                group_id = ids[ClaimGroup] + g
                text = info(group.canonical)[0]
                weights = [_RATING_LEAN.get(k, (1, 1))[group.contradictions > 0] for k in lean]
                rating = rng.choices(lean, weights)[0]
                article, number = template_of[group.template_claim]
                template = selected[article]
                paragraphs = template["body"].split("\n\n")
                quoted = paragraphs[template["claims"][number]["paragraph"]]
                first, last = compared(group.members[0]), compared(group.members[-1])
                seen = (
                    f"It appeared in {len(group.members)} sources between "
                    f"{first:%-d %B %Y} and {last:%-d %B %Y}."
                )
                if group.contradictions:
                    seen += f" {group.contradictions} of them gave a different figure or name."
                summary = _SUMMARIES.get(rating, "See the explanation.")
                explanation = (
                    f"We checked the claim that “{text}”\n\n{seen}\n\n"
                    f"The original report said: {quoted}\n\n{summary}"
                )
                created = group.created + (published - group.created) * rng.uniform(0.2, 0.6)
                slug = f"{slugify(text)[:100].strip('-') or 'fact-check'}-{verdict0 + v}"
                author = rng.choice(authors)
                reviewer = rng.choice([r for r in reviewers if r != author])
                yield (
                    verdict0 + v, group_id, rating, summary, explanation, "published", author,
                    reviewer, 1, slug, published, None, None, created, published,
                )  # fmt: skip
                section = section_of(template)
                evidence.append(
                    (
                        group_id,
                        template["title"][:300],
                        f"https://{section}.bench.example/{template['key']}",
                        "Factdesk seed" if section == "seed" else "BBC News",
                        "The report the claim first appeared in.",
                        0,
                    )
                )
                if rng.random() < 0.5:
                    publisher, title, note = rng.choice(_EVIDENCE)
                    url = f"https://evidence.bench.example/{verdict0 + v}/1"
                    evidence.append((group_id, title, url, publisher, note, 1))

        evidence: list[tuple] = []
        counts["verdicts"] = loader.write(Verdict, VERDICT_FIELDS, verdict_rows(evidence))
        counts["evidence"] = loader.write(
            Evidence,
            EVIDENCE_FIELDS,
            ((ids[Evidence] + e, *row) for e, row in enumerate(evidence)),
        )
        phase("factchecks")

        loader.restore_indexes(restore)
        loader.reset_sequences([m for m in models if m is not KeyFrequency])
        phase("restore_indexes")
        if vendor == "postgresql":
            schema_after = loader.schema_of(tables)
            changed = loader.schema_differences(schema_before, schema_after)
            if changed:
                print(f"schema differs: {changed}", file=sys.stderr)
                raise RuntimeError("indexes or constraints differ after the load; rolled back")
    phase("commit")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vendor == "postgresql" else "ANALYZE")
    phase("vacuum_analyze")

    return {
        "claims": Claim.objects.count(),
        "sources": Source.objects.count(),
        "groups": ClaimGroup.objects.count(),
        "links": counts["links"],
        "contradicts_links": counts["contradictions"],
        "claims_with_contradiction": int(sum(contradicted)),
        "claim_keys": counts["claim_keys"],
        "key_frequencies": len(frequencies),
        "verdicts": counts["verdicts"],
        "evidence": counts["evidence"],
        "template_articles": len(selected),
        "template_claims": realiser.template_claims,
        "copies": max(b.copy for b in bundles) + 1,
        "stories_per_source": round(stories, 3),
        "phases": phases,
    }


# --------------------------------------------------------------------------- verify


def verify(sample: int = 500) -> dict:
    """Check the generated rows against what the application would have written.

    - ClaimKey and KeyFrequency equal what ``factcheck.services.index_claims`` writes for the
      same claims (rebuilt in a transaction that is rolled back);
    - every claim's span and paragraph point at its text in its source body;
    - groups, links and ``has_contradiction`` are consistent;
    - on a sample of links, how often the real ``comparison.compare`` finds the same relation.
    """
    from django.db import transaction
    from django.db.models import F

    from factcheck.models import Claim, ClaimGroup, ClaimKey, ClaimLink, KeyFrequency
    from factcheck.pipeline.comparison import compare
    from factcheck.services import comparison as services

    out: dict[str, Any] = {}
    started = time.perf_counter()
    ours = set(ClaimKey.objects.values_list("claim_id", "key"))
    our_frequencies = dict(KeyFrequency.objects.values_list("key", "claims"))

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            ClaimKey.objects.all().delete()
            KeyFrequency.objects.all().delete()
            ids = list(Claim.objects.order_by("id").values_list("id", flat=True))
            for first in range(0, len(ids), 2000):
                services.index_claims(
                    Claim.objects.filter(pk__in=ids[first : first + 2000]).only(
                        "id", "text", "context", "facts"
                    )
                )
            theirs = set(ClaimKey.objects.values_list("claim_id", "key"))
            their_frequencies = dict(KeyFrequency.objects.values_list("key", "claims"))
            raise Rollback
    except Rollback:
        pass
    out["claim_keys"] = len(ours)
    out["claim_keys_equal"] = ours == theirs
    out["claim_keys_only_generated"] = len(ours - theirs)
    out["claim_keys_only_index_claims"] = len(theirs - ours)
    out["key_frequencies_equal"] = our_frequencies == their_frequencies
    out["index_claims_seconds"] = round(time.perf_counter() - started, 1)

    bad_spans = bad_paragraphs = 0
    for text, start, end, paragraph, body in Claim.objects.values_list(
        "text", "start", "end", "paragraph", "source__body"
    ).iterator(chunk_size=5000):
        bad_spans += body[start:end] != text
        bad_paragraphs += body.count("\n\n", 0, start) != paragraph
    out["bad_spans"] = bad_spans
    out["bad_paragraphs"] = bad_paragraphs

    out["canonical_outside_group"] = ClaimGroup.objects.exclude(
        canonical_claim__group_id=F("id")
    ).count()
    links = ClaimLink.objects.values_list(
        "left_id", "right_id", "left__group_id", "right__group_id", "relation"
    )
    contradicted = set()
    bad_links = 0
    for left, right, left_group, right_group, kind in links.iterator(chunk_size=10000):
        bad_links += not (left < right and left_group == right_group and left_group is not None)
        if kind == "contradicts":
            contradicted.update((left, right))
    flagged = set(Claim.objects.filter(has_contradiction=True).values_list("id", flat=True))
    out["bad_links"] = bad_links
    out["has_contradiction_consistent"] = flagged == contradicted

    rng = random.Random("verify")
    count = ClaimLink.objects.count()
    agreement: Counter[str] = Counter()
    if count:
        picks = sorted(rng.sample(range(count), min(sample, count)))
        all_ids = list(ClaimLink.objects.order_by("id").values_list("id", flat=True))
        chosen = ClaimLink.objects.filter(id__in=[all_ids[p] for p in picks]).select_related(
            "left__source", "right__source"
        )

        for link in chosen:
            # The same view of a claim the comparison service builds.
            found = compare(services._view(link.left), services._view(link.right))
            agreement[f"{link.relation}->{found.relation if found else 'none'}"] += 1
    out["compare_sample"] = dict(sorted(agreement.items()))
    out["seconds"] = round(time.perf_counter() - started, 1)
    return out


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, required=True)
    parser.add_argument("--database", required=True, help="sqlite:////path or postgres://...")
    parser.add_argument("--reset", action="store_true", help="wipe the database first")
    parser.add_argument("--sources", type=int, help="target number of sources (claims/20)")
    parser.add_argument(
        "--groups", type=int, help="target number of claim groups (claims/10; 0: none)"
    )
    parser.add_argument(
        "--factchecks", type=int, help="published verdicts (10,000, at most groups/10)"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="processes computing retrieval keys (1: inline)"
    )
    parser.add_argument(
        "--verify", action="store_true", help="compare with index_claims etc. (small sizes)"
    )
    parser.add_argument(
        "--template-cache",
        type=Path,
        default=DEFAULT_CACHE,
        help="scratch file for the extracted templates ('' to disable)",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # Workers fork now, before Django opens connections or starts threads; they only compute.
    workers = None
    if args.jobs > 1:
        workers = multiprocessing.get_context("fork").Pool(args.jobs - 1)
    try:
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
        setup_seconds = time.perf_counter() - started
        cache = args.template_cache if str(args.template_cache) else None
        templates = build_templates(cache)
        template_seconds = time.perf_counter() - started - setup_seconds
        stats = generate(
            args.claims,
            templates,
            sources=args.sources,
            groups=args.groups,
            factchecks=args.factchecks,
            workers=workers,
        )
    finally:
        if workers is not None:
            workers.close()
            workers.join()
    stats["phases"] = {
        "setup": round(setup_seconds, 2),
        "templates": round(template_seconds, 2),
        **stats["phases"],
    }
    stats["total_seconds"] = round(time.perf_counter() - started, 1)
    if args.database.startswith("postgres"):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            stats["database_size"] = cursor.fetchone()[0]
    print("phase                 seconds")
    for name, seconds in stats["phases"].items():
        print(f"  {name:<20}{seconds:>8.1f}")
    print(
        f"{stats['claims']:,} claims in {stats['sources']:,} sources "
        f"({stats['stories_per_source']:.2f} stories a source, {stats['copies']} copies of "
        f"{stats['template_articles']:,} articles); {stats['groups']:,} groups, "
        f"{stats['links']:,} links ({stats['contradicts_links']:,} contradicting, "
        f"{stats['claims_with_contradiction']:,} claims flagged); {stats['claim_keys']:,} keys "
        f"({stats['key_frequencies']:,} distinct); {stats['verdicts']:,} fact-checks, "
        f"{stats['evidence']:,} evidence; total {stats['total_seconds']:.1f}s"
        + (f"; {stats['database_size']}" if "database_size" in stats else "")
    )
    if args.verify:
        stats["verify"] = verify()
        print("VERIFY " + json.dumps(stats["verify"]))
    print("STATS " + json.dumps(stats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
