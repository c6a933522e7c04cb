"""Measure the API's "has this been checked?" endpoint on CLEF CheckThat! 2021 task 2A (English).

Usage::

    .venv/bin/python bench/bench_match.py --data /work/shared/data/checkthat2021-2a \\
        [--database postgres://postgres@127.0.0.1:5432/factdesk_bench_match] [--server URL]

1. Converts the Snopes verified claims (``vclaims.jsonl``) into schema.org ClaimReview JSON
   Lines in /tmp/apibench/checkthat-claimreview.jsonl: ``url`` https://www.snopes.com/fact-check/
   <vclaim_id>, ``claimReviewed`` the claim, ``name`` the title, ``description`` the subtitle,
   ``author`` Organization Snopes, ``datePublished`` from ``date`` when it parses. The data is
   read in place and the file stays in the scratch folder, never in the repository.
2. Drops and recreates the database, migrates it and imports the file through the real
   command, ``manage.py import_factchecks FILE``.
3. Sends every dev tweet (``tweets-train-dev.tsv`` restricted to ``qrels-dev.tsv``) to
   ``/api/v1/fact-checks/match/?text=...&limit=5``, through the Django test client (default) or
   a running server (``--server http://127.0.0.1:PORT``), and maps each result URL back to its
   vclaim_id.
4. Prints MAP@1, MAP@5 (the official metric), Recall@5 and MRR against qrels-dev for
   * the endpoint as it answers (its score threshold applied; an empty list is a miss),
   * the endpoint over the queries it answered only,
   * the same ``PublishedIndex`` without threshold (``threshold=0``), i.e. rank level,
   * the pure module as ``bench_checkthat.py`` runs it (claim + title + subtitle) and with
     the fields the endpoint's index actually gets (claim + title),
   plus how many queries got an empty list, and the import and query timings.

Results are appended to /tmp/apibench/match-results.jsonl.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_api import ensure_postgres_database  # noqa: E402
from bench_checkthat import load, metrics  # noqa: E402

SCRATCH = Path("/tmp/apibench")
SNOPES = "https://www.snopes.com/fact-check/"
HIGH_RATE = "10000000/minute"


def claim_url(vclaim_id: str) -> str:
    return SNOPES + urllib.parse.quote(vclaim_id, safe="")


def iso_date(text: str) -> str | None:
    try:
        return dt.datetime.strptime(text.strip(), "%d %B %Y").date().isoformat()
    except ValueError:
        return None


def write_claimreview(claims: list[dict], path: Path) -> int:
    """One ClaimReview per verified claim; returns how many carry a datePublished."""
    dated = 0
    with path.open("w", encoding="utf-8") as f:
        for claim in claims:
            review = {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": claim_url(claim["vclaim_id"]),
                "claimReviewed": claim["vclaim"],
                "name": claim["title"],
                "description": claim.get("subtitle") or "",
                "author": {
                    "@type": "Organization",
                    "name": "Snopes",
                    "url": "https://www.snopes.com",
                },
            }
            published = iso_date(claim.get("date") or "")
            if published:
                review["datePublished"] = published
                dated += 1
            f.write(json.dumps(review, ensure_ascii=False) + "\n")
    return dated


def django_env(database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="apibench-not-a-real-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_LOG_LEVEL="WARNING",
        FACTDESK_API_RATE=HIGH_RATE,
        FACTDESK_API_MATCH_RATE=HIGH_RATE,
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def manage(env: dict[str, str], *arguments: str) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(arguments)} failed:\n{done.stdout}{done.stderr}")
    return time.perf_counter() - started, (done.stdout + done.stderr).strip()


def client_getter(server: str | None):
    """A function path -> (status, parsed JSON), through a server or the Django test client."""
    if server:

        def get(path: str):
            with urllib.request.urlopen(server.rstrip("/") + path, timeout=120) as response:
                return response.status, json.loads(response.read())

        return get
    from django.test import Client

    client = Client()

    def get(path: str):
        response = client.get(path)
        return response.status_code, response.json()

    return get


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("/work/shared/data/checkthat2021-2a"))
    parser.add_argument(
        "--database", default="postgres://postgres@127.0.0.1:5432/factdesk_bench_match"
    )
    parser.add_argument("--server", help="query this running server instead of the test client")
    parser.add_argument("--limit", type=int, default=5)
    args = parser.parse_args(argv)

    SCRATCH.mkdir(parents=True, exist_ok=True)
    claims, tweets, _, qrels_dev = load(args.data)
    by_url = {claim_url(c["vclaim_id"]): c["vclaim_id"] for c in claims}
    jsonl = SCRATCH / "checkthat-claimreview.jsonl"
    dated = write_claimreview(claims, jsonl)
    print(f"{len(claims):,} verified claims -> {jsonl} ({dated:,} with datePublished)")

    ensure_postgres_database(args.database, drop=True)
    env = django_env(args.database)
    migrate_s, _ = manage(env, "migrate", "--verbosity", "0")
    import_s, import_out = manage(env, "import_factchecks", str(jsonl))
    print(f"migrate {migrate_s:.1f} s; import_factchecks {import_s:.1f} s: {import_out}")

    os.environ.update(env)
    import django

    django.setup()
    from factcheck.match_index import published_index
    from factcheck.pipeline.matching import MATCH_THRESHOLD, MatchIndex

    get = client_getter(args.server)
    queries = sorted(qrels_dev, key=lambda q: int(q.rsplit("-", 1)[1]))
    endpoint: dict[str, list[str]] = {}
    scores: dict[str, list[float]] = {}
    timings = []
    for query in queries:
        path = "/api/v1/fact-checks/match/?" + urllib.parse.urlencode(
            {"text": tweets[query][:5000], "limit": args.limit}
        )
        started = time.perf_counter()
        status, body = get(path)
        timings.append(time.perf_counter() - started)
        if status != 200:
            raise SystemExit(f"{path[:80]}...: HTTP {status}: {body}")
        endpoint[query] = [by_url[item["url"]] for item in body]
        scores[query] = [item["score"] for item in body]
    first, rest = timings[0], sorted(timings[1:])
    via = f"server {args.server}" if args.server else "test client"
    print(
        f"{len(queries)} dev queries via {via}"
        f": first {first:.2f} s (builds the index in this process unless --server), then median "
        f"{1000 * rest[len(rest) // 2]:.1f} ms, max {1000 * rest[-1]:.1f} ms"
    )

    # The index the endpoint searched, without its threshold: the rank-level number.
    unthresholded = {
        q: [
            by_url[entry.path_or_url]
            for entry, _ in published_index.search(tweets[q], limit=args.limit, threshold=0.0)
        ]
        for q in queries
    }
    answered = {q: rel for q, rel in qrels_dev.items() if endpoint[q]}
    empty = len(queries) - len(answered)

    def pure(fields) -> dict[str, list[str]]:
        index = MatchIndex()
        for c in claims:
            index.add(c["vclaim_id"], c["vclaim"], fields=fields(c))
        return {q: [m.doc_id for m in index.search(tweets[q], limit=args.limit)] for q in queries}

    rows = {
        "endpoint, threshold applied (empty = miss)": metrics(endpoint, qrels_dev),
        f"endpoint, answered queries only ({len(answered)})": metrics(endpoint, answered),
        "same PublishedIndex, threshold 0 (rank level)": metrics(unthresholded, qrels_dev),
        "pure MatchIndex, claim + title (the endpoint's fields)": metrics(
            pure(lambda c: {"title": c["title"]}), qrels_dev
        ),
        "pure MatchIndex, claim + title + subtitle (bench_checkthat)": metrics(
            pure(lambda c: {"title": c["title"], "subtitle": c["subtitle"]}), qrels_dev
        ),
    }
    top_right = sum(1 for q in queries if endpoint[q] and endpoint[q][0] in qrels_dev[q])
    lost = sum(
        1
        for q in queries
        if not endpoint[q] and unthresholded[q][:1] and unthresholded[q][0] in qrels_dev[q]
    )
    print()
    print(f"MATCH_THRESHOLD = {MATCH_THRESHOLD}; limit = {args.limit}")
    print("| run | MAP@1 | MAP@5 | Recall@5 | MRR |")
    print("|---|---:|---:|---:|---:|")
    for name, m in rows.items():
        print(f"| {name} | {m['MAP@1']:.4f} | {m['MAP@5']:.4f} | {m['R@5']:.4f} | {m['MRR']:.4f} |")
    print()
    print(
        f"Empty answers (top score below the threshold): {empty} of {len(queries)} queries; "
        f"{lost} of them had the right claim first without the threshold. "
        f"Answered queries with the right claim first: {top_right} of {len(answered)}."
    )
    record = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": args.database,
        "server": args.server,
        "claims": len(claims),
        "queries": len(queries),
        "import_seconds": round(import_s, 1),
        "import_output": import_out,
        "first_query_seconds": round(first, 2),
        "median_query_ms": round(1000 * rest[len(rest) // 2], 1),
        "empty": empty,
        "lost_by_threshold": lost,
        "answered_top1_right": top_right,
        "threshold": MATCH_THRESHOLD,
        "metrics": rows,
    }
    with (SCRATCH / "match-results.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(record) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
