"""Claim-extraction speed: the pure pipeline, and import + extract end to end.

    .venv/bin/python bench/bench_pipeline.py [--data PATH] [--stages] [--e2e sqlite|postgres ...]

Pure pipeline: cleaning + extraction of every BBC article on one core, in words per second
(words = whitespace-separated tokens of the article text). End to end: a fresh database,
migrated, then ``import_articles`` of the whole file (reading, cleaning, storing, extracting,
storing claims), timed from the outside. The data set is research data and is read in place.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bbc-news" / "bbc_news.jsonl"
POSTGRES = "postgres://postgres@127.0.0.1:5432/{name}"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def pure_pipeline(articles: list[dict], *, stages: bool) -> None:
    from factcheck.pipeline import checkworthiness, dates, quantities, sentences
    from factcheck.pipeline.extract import extract_claims
    from sources.cleaning import clean_article

    words = sum(len(article["text"].split()) for article in articles)
    bodies = [clean_article(a["text"], title=a["title"]).body for a in articles]  # warm-up

    best = float("inf")
    claims = 0
    for _ in range(3):
        started = time.process_time()
        claims = 0
        for article in articles:
            body = clean_article(article["text"], title=article["title"]).body
            claims += len(extract_claims(body))
        best = min(best, time.process_time() - started)
    print(f"articles: {len(articles)}, words: {words:,}, claims: {claims:,}")
    print(f"clean + extract: {best:.2f} s CPU, {words / best:,.0f} words/s on one core")

    if stages:
        split = [s.text for body in bodies for s in sentences.split_sentences(body)]
        for name, run in [
            ("sentences", lambda: [sentences.split_sentences(b) for b in bodies]),
            ("checkworthiness", lambda: [checkworthiness.score_sentence(s) for s in split]),
            ("quantities", lambda: [quantities.find_quantities(s) for s in split]),
            ("dates", lambda: [dates.find_dates(s) for s in split]),
        ]:
            started = time.process_time()
            run()
            elapsed = time.process_time() - started
            print(f"  {name:16} {words / elapsed:>12,.0f} words/s")


def end_to_end(data: Path, database: str) -> None:
    python = str(ROOT / ".venv" / "bin" / "python")
    with tempfile.TemporaryDirectory() as scratch:
        if database == "sqlite":
            url = f"sqlite:///{scratch}/bench.sqlite3"
        else:
            name = "factdesk_bench_pipeline"
            for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
                subprocess.run(
                    ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-c", sql], check=True
                )
            url = POSTGRES.format(name=name)
        env = os.environ | {"DATABASE_URL": url, "DJANGO_DEBUG": "1"}
        manage = [python, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "-v0"], env=env, check=True)
        started = time.perf_counter()
        result = subprocess.run(
            [*manage, "import_articles", str(data), "--no-progress"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        elapsed = time.perf_counter() - started
        count = subprocess.run(
            [
                *manage,
                "shell",
                "--no-imports",
                "-c",
                "from factcheck.models import Claim; print(Claim.objects.count())",
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(
            f"{database}: import + extract {elapsed:.1f} s wall; {result.stdout.strip()} "
            f"{count} claims stored"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--stages", action="store_true", help="also time each stage alone")
    parser.add_argument("--e2e", nargs="*", choices=["sqlite", "postgres"], default=[])
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"{args.data}: not found (the BBC set lives in ../shared/data/bbc-news/)")
    pure_pipeline(load(args.data), stages=args.stages)
    for database in args.e2e:
        end_to_end(args.data, database)


if __name__ == "__main__":
    main()
