"""Benchmark cross-source comparison at scale: batch (compare_all) and incremental (one article).

Usage::

    .venv/bin/python bench/bench_compare.py \\
        --database postgres://postgres@127.0.0.1:5432/factdesk_bench --sizes 10000 100000

Each size gets its own database: ``<name>_<size>`` on PostgreSQL, ``<stem>_<size>.sqlite3``
for SQLite (or put ``{size}`` in the URL). A database already holding exactly that many
generated claims with their index is reused; otherwise ``bench/generate.py`` rebuilds it.

Per size, in a child process (Django is configured once per process):

1. ``compare_all`` over every claim: seconds, claims/second, links and contradictions.
   With ``--compare-limit N`` and more than N claims, only the comparison of the first N
   claims is run (the index built by the generator is current, so this is exactly the loop
   ``compare_all`` runs after rebuilding it) and the full run is extrapolated; the report
   says so.
2. The incremental case: a perturbed copy of a ~40-claim article, not in the database, is
   stored as a new Source and passed to ``analyse_source`` (extract + compare with everything
   stored), repeated ``--repeats`` times; median and max wall time, SQL time and the slowest
   queries. The added rows are removed afterwards so the database can be reused.

The summary table is printed at the end (markdown).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402


def database_for(url: str, size: int) -> str:
    if "{size}" in url:
        return url.replace("{size}", str(size))
    if url.startswith("sqlite:"):
        stem, dot, ext = url.rpartition(".")
        return f"{stem}_{size}.{ext}" if dot else f"{url}_{size}"
    base, _, name = url.rpartition("/")
    return f"{base}/{name}_{size}"


class QueryTimer:
    """A connection execute wrapper: total SQL time and the slowest statements."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0
        self.slowest: list[tuple[float, str]] = []
        self.kinds: dict[str, list[float]] = {}

    def top_kinds(self, n: int = 8) -> list[tuple[str, int, float]]:
        """Statements grouped by their first 70 characters, most total time first."""
        ranked = sorted(self.kinds.items(), key=lambda item: -item[1][1])[:n]
        return [(kind, count, round(seconds, 3)) for kind, (count, seconds) in ranked]

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - started
            self.count += 1
            self.seconds += elapsed
            flat = " ".join(sql.split())
            kind = self.kinds.setdefault(flat[:70], [0, 0.0])
            kind[0] += 1
            kind[1] += elapsed
            self.slowest.append((elapsed, flat[:220]))
            self.slowest.sort(reverse=True)
            del self.slowest[5:]


def code_fingerprint() -> dict[str, str]:
    """The application code measured (others edit it concurrently): short file hashes."""
    import hashlib

    root = HERE.parent
    names = [
        "factcheck/services/comparison.py",
        "factcheck/pipeline/comparison/decide.py",
        "factcheck/pipeline/retrieval.py",
        "factcheck/models.py",
    ]
    return {n: hashlib.sha256((root / n).read_bytes()).hexdigest()[:10] for n in names}


def ensure_database(url: str, size: int) -> dict:
    """Reuse a generated database of this size, or generate it from scratch."""
    try:
        if url.startswith("postgres"):
            generate.ensure_postgres_database(url)
        generate.setup_django(url)
        from django.core.management import call_command

        from factcheck.models import Claim, ClaimKey

        call_command("migrate", verbosity=0)
        claims = Claim.objects.count()
        if claims == size and ClaimKey.objects.exists():
            return {"reused": True}
    except Exception as error:  # any failure means "regenerate"
        print(f"cannot reuse {url}: {error}", flush=True)
    raise SystemExit(3)  # tell the parent to generate first


def incremental(templates: list[dict], repeats: int, profile_dir: Path | None) -> dict:
    from django.db import connection, transaction
    from django.db.models import Q

    from factcheck.models import Claim, ClaimGroup, ClaimLink
    from factcheck.services import analyse_source
    from factcheck.services import comparison as services

    pool = generate.person_pool(templates)
    outlets = generate.make_outlets()
    # The article whose claim count is closest to 40 (BBC articles average ~11 claims).
    template = min(templates, key=lambda t: (abs(len(t["claims"]) - 40), t["key"]))
    runs = []
    for rep in range(repeats + (1 if profile_dir else 0)):
        profiled = rep == repeats
        copy = 90_000 + rep
        rng = random.Random(copy)
        body, _ = generate.perturb_article(template, copy, pool)
        group_floor = ClaimGroup.objects.order_by("-id").values_list("id", flat=True).first() or 0
        timer = QueryTimer()
        profiler = cProfile.Profile() if profiled else None
        started = time.perf_counter()
        with connection.execute_wrapper(timer):
            source = generate.source_for(template, copy, body, outlets, rng, tag="new")
            source.save()
            created = time.perf_counter()
            if profiler:
                profiler.enable()
            result = analyse_source(source=source)
            if profiler:
                profiler.disable()
        finished = time.perf_counter()
        claims = list(Claim.objects.filter(source=source).values_list("id", flat=True))
        links = ClaimLink.objects.filter(Q(left_id__in=claims) | Q(right_id__in=claims))
        run = {
            "seconds": finished - started,
            "analyse_seconds": finished - created,
            "claims": result.created,
            "links": links.count(),
            "contradictions": links.filter(relation="contradicts").count(),
            "queries": timer.count,
            "sql_seconds": timer.seconds,
            "slowest": timer.slowest,
        }
        # Leave the database as it was, so the next run (or size) can reuse it.
        with transaction.atomic():
            services.unindex_claims(claims)
            source.delete()
            ClaimGroup.objects.filter(id__gt=group_floor, claims__isnull=True).delete()
        if profiled:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            profile_dir.mkdir(parents=True, exist_ok=True)
            path = profile_dir / f"incremental_{connection.vendor}_{Claim.objects.count()}.txt"
            path.write_text(json.dumps(run, indent=1) + "\n\n" + out.getvalue())
            run["profile"] = str(path)
            print(f"  profiled run: {run['seconds']:.3f}s -> {path}", flush=True)
            profiled_run = run
        else:
            runs.append(run)
            print(
                f"  incremental {rep + 1}: {run['seconds']:.3f}s ({run['claims']} claims, "
                f"{run['links']} links, {run['queries']} queries, SQL {run['sql_seconds']:.3f}s)",
                flush=True,
            )
    times = [r["seconds"] for r in runs]
    return {
        "article": template["key"],
        "median_seconds": statistics.median(times),
        "max_seconds": max(times),
        "runs": runs,
        "profile": profiled_run.get("profile") if profile_dir else None,
    }


def worker(url: str, size: int, compare_limit: int | None, repeats: int, profile_dir) -> dict:
    ensure_database(url, size)
    from django.db import connection
    from django.db.models import Count

    from factcheck.models import Claim, ClaimGroup, ClaimKey, ClaimLink
    from factcheck.services import comparison as services

    templates = generate.build_templates(generate.DEFAULT_CACHE)
    claims = Claim.objects.count()
    out: dict = {"size": size, "vendor": connection.vendor, "claims": claims}

    # Reset comparison state so every run starts from the same point.
    if Claim.objects.filter(compared_at__isnull=False).exists() or ClaimLink.objects.exists():
        ClaimLink.objects.all().delete()
        Claim.objects.update(group=None, compared_at=None)
        ClaimGroup.objects.all().delete()

    index_time = [0.0]
    original_index = services.index_claims

    def timed_index(batch):
        started = time.perf_counter()
        try:
            return original_index(batch)
        finally:
            index_time[0] += time.perf_counter() - started

    services.index_claims = timed_index
    progress_marks: list[tuple[float, int]] = []
    timer = QueryTimer()
    wrapper = connection.execute_wrapper(timer)
    wrapper.__enter__()
    started = time.perf_counter()
    if compare_limit is None or claims <= compare_limit:
        result = services.compare_all(
            progress=lambda done, total: progress_marks.append((time.perf_counter(), done))
        )
        out["compare_mode"] = "full compare_all"
        compared = claims
    else:
        # compare_all's loop after its index rebuild, on the first compare_limit claims.
        ids = list(Claim.objects.order_by("id").values_list("id", flat=True)[:compare_limit])
        result = services.ComparisonResult()
        for start in range(0, len(ids), 500):
            chunk = Claim.objects.filter(pk__in=ids[start : start + 500]).order_by("id")
            result += services.compare_claims(claims=chunk, reindex=False)
            progress_marks.append((time.perf_counter(), start + 500))
        out["compare_mode"] = f"first {compare_limit:,} claims, extrapolated"
        compared = len(ids)
    elapsed = time.perf_counter() - started
    wrapper.__exit__(None, None, None)
    services.index_claims = original_index
    compare_seconds = elapsed - index_time[0]
    out.update(
        {
            "compared": compared,
            "seconds": elapsed,
            "index_seconds": index_time[0],
            "compare_seconds": compare_seconds,
            "claims_per_second": compared / compare_seconds,
            "result_links": result.links,
            "result_contradictions": result.contradictions,
            "links": dict(
                ClaimLink.objects.values_list("relation").annotate(n=Count("id")).order_by()
            ),
            "groups": ClaimGroup.objects.count(),
            "claim_keys": ClaimKey.objects.count(),
            "queries": timer.count,
            "sql_seconds": timer.seconds,
            "query_kinds": timer.top_kinds(),
            "code": code_fingerprint(),
        }
    )
    if compared < claims:
        # Index rebuild rate: the generator's index_claims pass, measured in this process.
        keys_started = time.perf_counter()
        sample = list(Claim.objects.order_by("id").only("id", "text", "context", "facts")[:20000])
        from django.db import transaction

        with transaction.atomic():
            for start in range(0, len(sample), 500):
                original_index(sample[start : start + 500])
        index_rate = len(sample) / (time.perf_counter() - keys_started)
        out["index_rate_sampled"] = index_rate
        out["extrapolated_seconds"] = claims / index_rate + claims / out["claims_per_second"]
    # Batches per 10 % of the run: does throughput drop as the run goes on?
    if len(progress_marks) > 10:
        step = len(progress_marks) // 5
        rates = []
        for i in range(step, len(progress_marks), step):
            (t0, d0), (t1, d1) = progress_marks[i - step], progress_marks[i]
            rates.append(round((d1 - d0) / (t1 - t0)))
        out["rate_over_run"] = rates
    print(f"  compare: {json.dumps(out)}", flush=True)
    out["incremental"] = incremental(templates, repeats, profile_dir)
    return out


def run_size(args, size: int) -> dict | None:
    url = database_for(args.database, size)
    base = [sys.executable, __file__, "--database", url, "--sizes", str(size)]
    base += ["--repeats", str(args.repeats)]
    if args.compare_limit:
        base += ["--compare-limit", str(args.compare_limit)]
    if args.profile_dir:
        base += ["--profile-dir", str(args.profile_dir)]
    child = subprocess.run([*base, "--worker"], capture_output=True, text=True)
    if child.returncode == 3:
        print(f"[{size}] generating {url}", flush=True)
        gen = subprocess.run(
            [
                sys.executable,
                str(HERE / "generate.py"),
                "--claims",
                str(size),
                "--database",
                url,
                "--reset",
                # Claims only: this bench times the comparison that builds links and groups.
                "--groups",
                "0",
            ],
            capture_output=True,
            text=True,
        )
        sys.stdout.write(gen.stdout)
        if gen.returncode:
            sys.stderr.write(gen.stderr)
            return None
        stats = json.loads(gen.stdout.rsplit("STATS ", 1)[1])
        child = subprocess.run([*base, "--worker"], capture_output=True, text=True)
    else:
        stats = None
    sys.stdout.write(child.stdout)
    if child.returncode:
        sys.stderr.write(child.stderr)
        return None
    result = json.loads(child.stdout.rsplit("RESULT ", 1)[1])
    result["generate"] = stats
    result["database"] = url
    return result


def table(results: list[dict]) -> str:
    lines = [
        "| DB | claims | compare mode | index s | compare s | claims/s | links (agree/"
        "contradict/related) | incr. median s | incr. max s | incr. SQL s |",
        "|---|---:|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in results:
        links = r["links"]
        inc = r["incremental"]
        sql = statistics.median(run["sql_seconds"] for run in inc["runs"])
        lines.append(
            f"| {r['vendor']} | {r['claims']:,} | {r['compare_mode']} | {r['index_seconds']:.1f} "
            f"| {r['compare_seconds']:.1f} | {r['claims_per_second']:,.0f} "
            f"| {links.get('agrees', 0):,}/{links.get('contradicts', 0):,}/"
            f"{links.get('related', 0):,} | {inc['median_seconds']:.3f} "
            f"| {inc['max_seconds']:.3f} | {sql:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True)
    parser.add_argument("--sizes", type=int, nargs="+", required=True)
    parser.add_argument(
        "--compare-limit",
        type=int,
        default=None,
        help="compare only this many claims when a database is larger",
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--profile-dir", type=Path, default=Path("/tmp/benchcmp/profiles"))
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = worker(
            args.database, args.sizes[0], args.compare_limit, args.repeats, args.profile_dir
        )
        print("RESULT " + json.dumps(result))
        return 0
    results = []
    for size in args.sizes:
        result = run_size(args, size)
        if result is not None:
            results.append(result)
            Path("/tmp/benchcmp").mkdir(exist_ok=True)
            with open("/tmp/benchcmp/results.jsonl", "a") as handle:
                handle.write(json.dumps(result) + "\n")
    print(table(results))
    return 0 if len(results) == len(args.sizes) else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
