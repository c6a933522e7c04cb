"""Load-test the public API (/api/v1/) against a bare Django view serving the same rows.

Usage::

    .venv/bin/python bench/bench_api.py \\
        --database postgres://postgres@127.0.0.1:5432/factdesk_bench_api --factchecks 100000

1. Builds (or reuses, when it already holds exactly ``--factchecks`` published fact-checks) a
   PostgreSQL database: claim groups with published verdicts (reviewer set, ``published_at``
   spread over a year, unique slugs), one to three appearance claims each in sources of 200
   outlets, and one or two evidence links. Texts are sentences of the BBC News corpus
   (/work/shared/data/bbc-news/bbc_news.jsonl, read in place, never copied). Rows go in with
   ``bulk_create`` in batches, one transaction per batch; no history rows, no comparison index
   (``ClaimKey``), since neither is read by the endpoints measured here.
2. Writes a settings module and a urlconf to the scratch folder (default /tmp/apibench/site):
   the project's settings and URLs plus ``/bare/list/``, ``/bare/detail/<id>/`` and
   ``/bare/match/``, plain Django views (``values()`` queries and ``JsonResponse``) returning
   the same rows in the same shape as the API. Nothing is added to the application.
3. Starts ``gunicorn config.wsgi -w 2`` on loopback with DEBUG off and very high throttle
   rates, times the first match request (each worker builds its own in-memory match index on
   first use), then drives every endpoint with ``wrk`` (or, without wrk, a small threaded
   generator) for ``--seconds`` at ``--concurrency`` connections, and prints requests/second,
   p50/p99 latency and the API's throughput relative to the bare view as a markdown table.

Results are appended to /tmp/apibench/results.jsonl.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = Path("/work/shared/data/bbc-news/bbc_news.jsonl")
SCRATCH = Path("/tmp/apibench")
N_OUTLETS = 200
BATCH = 5000
BASE_DATE = dt.datetime(2024, 1, 1, 8, 0, tzinfo=dt.UTC)
HIGH_RATE = "10000000/minute"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


# --------------------------------------------------------------------------- data


def bbc_sentences() -> list[tuple[str, str]]:
    """(article title, sentence) for every 8-40 word sentence of the corpus."""
    out = []
    with BBC.open(encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            for paragraph in article["text"].split("\n"):
                for sentence in _SENTENCE_END.split(paragraph.strip()):
                    if 8 <= len(sentence.split()) <= 40:
                        out.append((article["title"].strip(), sentence.strip()))
    return out


def setup_django(database: str) -> None:
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_DEBUG", "0")
    os.environ.setdefault("DJANGO_SECRET_KEY", "apibench-not-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_postgres_database(database: str, *, drop: bool) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(database)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and drop:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def published_count() -> int:
    from factcheck.models import PUBLIC_STATES, Verdict

    return Verdict.objects.filter(state__in=PUBLIC_STATES).count()


def generate(n: int, sentences: list[tuple[str, str]], *, seed: int = 1) -> dict:
    """Insert ``n`` published fact-checks with their claims, sources, outlets and evidence."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from factcheck.models import Claim, ClaimGroup, ClaimType, Evidence, Verdict, VerdictState
    from sources.models import Outlet, Source, SourceFormat

    rng = random.Random(seed)
    user_model = get_user_model()
    author, _ = user_model.objects.get_or_create(username="apibench-author")
    reviewer, _ = user_model.objects.get_or_create(username="apibench-reviewer")
    outlets = list(Outlet.objects.filter(domain__endswith=".apibench.example"))
    if len(outlets) < N_OUTLETS:
        Outlet.objects.filter(domain__endswith=".apibench.example").delete()
        outlets = Outlet.objects.bulk_create(
            Outlet(
                name=f"Bench Outlet {i}",
                domain=f"outlet{i}.apibench.example",
                homepage=f"https://outlet{i}.apibench.example/",
            )
            for i in range(N_OUTLETS)
        )
    ratings = ["true", "mostly_true", "mixed", "mostly_false", "false", "misleading", "unproven"]
    types = list(ClaimType.values)
    year = 365 * 24 * 3600
    started = time.perf_counter()
    rows = {"groups": 0, "verdicts": 0, "sources": 0, "claims": 0, "evidence": 0}
    for first in range(0, n, BATCH):
        size = min(BATCH, n - first)
        picks = [rng.randrange(len(sentences)) for _ in range(size)]
        with transaction.atomic():
            groups = ClaimGroup.objects.bulk_create(
                [ClaimGroup(canonical_text=sentences[p][1]) for p in picks], batch_size=BATCH
            )
            # Appearances: 1-3 per fact-check, each in a distinct source; a source holds
            # about two claims (of different fact-checks), as paragraphs of its body.
            counts = [rng.choice((1, 2, 3)) for _ in range(size)]
            n_sources = max(3, sum(counts) // 2)
            bodies: list[list[str]] = [[] for _ in range(n_sources)]
            placed = []  # (fact-check index in batch, source index, paragraph, start, end)
            lengths = [0] * n_sources
            for i, (pick, count) in enumerate(zip(picks, counts, strict=True)):
                text = sentences[pick][1]
                for s in rng.sample(range(n_sources), count):
                    start = lengths[s] + (2 if bodies[s] else 0)
                    placed.append((i, s, len(bodies[s]), start, start + len(text)))
                    bodies[s].append(text)
                    lengths[s] = start + len(text)
            source_objs = []
            for s, paragraphs in enumerate(bodies):
                number = rows["sources"] + s
                title = sentences[picks[s % size]][0] if paragraphs else "Untitled"
                body = "\n\n".join(paragraphs) or "No claims here."
                outlet = outlets[number % N_OUTLETS]
                source_objs.append(
                    Source(
                        outlet=outlet,
                        title=title,
                        url=f"https://{outlet.domain}/articles/{number}",
                        published_at=BASE_DATE - dt.timedelta(seconds=rng.randrange(year)),
                        language="en",
                        body=body,
                        raw_text=body,
                        origin=f"https://{outlet.domain}/articles/{number}",
                        format=SourceFormat.JSONL,
                        content_hash=hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest(),
                    )
                )
            source_objs = Source.objects.bulk_create(source_objs, batch_size=BATCH)
            claims = [
                Claim(
                    source=source_objs[s],
                    source_version=1,
                    text=sentences[picks[i]][1],
                    start=start,
                    end=end,
                    paragraph=paragraph,
                    score=round(0.5 + rng.random() / 2, 3),
                    claim_type=rng.choice(types),
                    group=groups[i],
                    status="in_review",
                )
                for i, s, paragraph, start, end in placed
            ]
            Claim.objects.bulk_create(claims, batch_size=BATCH)
            verdicts = []
            evidence = []
            for i, (group, pick) in enumerate(zip(groups, picks, strict=True)):
                number = first + i
                other = sentences[(pick + 1) % len(sentences)][1]
                verdicts.append(
                    Verdict(
                        group=group,
                        rating=rng.choice(ratings),
                        summary=other[:300],
                        explanation=f"{other}\n\n{sentences[(pick + 2) % len(sentences)][1]}",
                        state=VerdictState.PUBLISHED,
                        author=author,
                        reviewer=reviewer,
                        slug=f"fact-check-{number}-{group.pk}",
                        published_at=BASE_DATE + dt.timedelta(seconds=rng.randrange(year)),
                    )
                )
                for position in range(rng.choice((1, 2))):
                    evidence.append(
                        Evidence(
                            group=group,
                            title=f"Official statistics, table {position + 1}",
                            url=f"https://evidence.apibench.example/{number}/{position}",
                            publisher="Statistics office",
                            note="Shows the figure the claim refers to.",
                            position=position,
                        )
                    )
            Verdict.objects.bulk_create(verdicts, batch_size=BATCH)
            Evidence.objects.bulk_create(evidence, batch_size=BATCH)
        rows["groups"] += len(groups)
        rows["verdicts"] += len(verdicts)
        rows["sources"] += len(source_objs)
        rows["claims"] += len(claims)
        rows["evidence"] += len(evidence)
        done = first + size
        rate = done / (time.perf_counter() - started)
        print(f"  {done:,}/{n:,} fact-checks ({rate:,.0f}/s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rows["seconds"] = round(time.perf_counter() - started, 1)
    return rows


# --------------------------------------------------------------------------- bare view

BARE_URLS = '''\
"""The bench's baseline: plain Django views returning the API's rows, plus the project's URLs."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.urls import path, reverse

from config.urls import urlpatterns as project_urlpatterns
from factcheck.api.serializers import rating_of  # the API's own, not a copy
from factcheck.match_index import published_index
from factcheck.models import PUBLIC_STATES, Claim, Correction, Evidence, Verdict

VERDICT_FIELDS = (
    "id", "slug", "rating", "summary", "explanation", "published_at", "last_corrected_at",
    "group_id", "group__canonical_text",
)
CLAIM_FIELDS = (
    "id", "group_id", "text", "speaker", "source_id", "source__title", "source__outlet__name",
    "source__outlet_id", "source__url", "source__published_at", "source__language",
)


def expand(request, verdicts):
    groups = [v["group_id"] for v in verdicts]
    ids = [v["id"] for v in verdicts]
    appearances, evidence, corrections = {}, {}, {}
    claims = (
        Claim.objects.filter(group_id__in=groups)
        .order_by("source__published_at", "id")
        .values(*CLAIM_FIELDS)
    )
    for c in claims:
        appearances.setdefault(c["group_id"], []).append({
            "id": c["id"],
            "sentence": c["text"],
            "speaker": c["speaker"],
            "source": {
                "id": c["source_id"],
                "title": c["source__title"],
                "outlet": c["source__outlet__name"],
                "outlet_id": c["source__outlet_id"],
                "url": c["source__url"],
                "published_at": c["source__published_at"],
                "language": c["source__language"],
            },
        })
    for e in Evidence.objects.filter(group_id__in=groups).order_by("position", "id").values(
        "group_id", "title", "url", "publisher", "note"
    ):
        evidence.setdefault(e.pop("group_id"), []).append(e)
    for c in Correction.objects.filter(verdict_id__in=ids).order_by("corrected_at").values(
        "verdict_id", "corrected_at", "note", "previous_rating", "previous_summary"
    ):
        c["previous_rating"] = rating_of(c["previous_rating"])
        corrections.setdefault(c.pop("verdict_id"), []).append(c)
    publisher = {
        "name": settings.FACTDESK_ORGANISATION_NAME,
        "url": settings.FACTDESK_ORGANISATION_URL,
    }
    return [
        {
            "id": v["id"],
            "url": request.build_absolute_uri(reverse("factchecks:detail", args=[v["slug"]])),
            "claim_reviewed": v["group__canonical_text"],
            "rating": rating_of(v["rating"]),
            "summary": v["summary"],
            "explanation": v["explanation"],
            "evidence": evidence.get(v["group_id"], []),
            "appearances": appearances.get(v["group_id"], []),
            "published_at": v["published_at"],
            "last_corrected_at": v["last_corrected_at"],
            "corrections": corrections.get(v["id"], []),
            "publisher": publisher,
        }
        for v in verdicts
    ]


def public():
    return Verdict.objects.filter(state__in=PUBLIC_STATES)


def bare_list(request):
    verdicts = list(public().order_by("-published_at", "-id").values(*VERDICT_FIELDS)[:20])
    return JsonResponse({"next": None, "previous": None, "results": expand(request, verdicts)})


def bare_detail(request, pk):
    verdicts = list(public().filter(pk=pk).values(*VERDICT_FIELDS))
    if not verdicts:
        raise Http404
    return JsonResponse(expand(request, verdicts)[0])


def bare_match(request):
    text = request.GET.get("text", "")[:5000].strip()
    found = published_index.search(text, limit=5)
    results = [
        {
            "score": round(score, 4),
            "url": entry.path_or_url if entry.fact_check is None
            else request.build_absolute_uri(entry.path_or_url),
            "claim_reviewed": entry.claim_reviewed,
            "rating": entry.rating,
            "publisher": entry.publisher or settings.FACTDESK_ORGANISATION_NAME,
            "date_published": entry.date_published,
            "fact_check": entry.fact_check,
        }
        for entry, score in found
    ]
    return JsonResponse(results, safe=False)


urlpatterns = [
    path("bare/list/", bare_list),
    path("bare/detail/<int:pk>/", bare_detail),
    path("bare/match/", bare_match),
    *project_urlpatterns,
]
'''

BARE_SETTINGS = """\
from config.settings import *  # noqa: F403

ROOT_URLCONF = "apibench_urls"
"""

WRK_SCRIPT = """\
-- Each request picks a random path from the file given after "--".
local paths = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
end
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  math.randomseed(os.time() * 1000 + (id or 0))
end
function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def write_site(scratch: Path) -> Path:
    site = scratch / "site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "apibench_urls.py").write_text(BARE_URLS, encoding="utf-8")
    (site / "apibench_settings.py").write_text(BARE_SETTINGS, encoding="utf-8")
    (scratch / "paths.lua").write_text(WRK_SCRIPT, encoding="utf-8")
    return site


# --------------------------------------------------------------------------- server


def server_env(database: str, site: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="apibench-not-a-real-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_LOG_LEVEL="WARNING",
        FACTDESK_API_RATE=HIGH_RATE,
        FACTDESK_API_MATCH_RATE=HIGH_RATE,
        DJANGO_SETTINGS_MODULE="apibench_settings",
        PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]),
    )
    return env


def start_gunicorn(database: str, site: Path, port: int, workers: int, timeout: int):
    log = (SCRATCH / "gunicorn.log").open("ab")
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        # As deployed: preloaded app, match index built once in the master before forking.
        "-c",
        str(ROOT / "config" / "gunicorn.conf.py"),
        "config.wsgi",
        "-w",
        str(workers),
        "-b",
        f"127.0.0.1:{port}",
        "--timeout",
        str(timeout),
    ]
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=server_env(database, site),
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited ({process.returncode}); see {SCRATCH}/gunicorn.log")
        try:
            status, _, _ = fetch(port, "/bare/list/", timeout=10)
            if status == 200:
                return process, " ".join(command)
        except OSError:
            pass
        time.sleep(0.3)
    stop(process)
    raise SystemExit("gunicorn did not answer within 60 s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def worker_rss_mb(master: int) -> list[float]:
    out = []
    for child in Path("/proc").glob("[0-9]*"):
        try:
            status = (child / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(master):
            out.append(int(fields.get("VmRSS", "0 kB").split()[0]) / 1024)
    return sorted(out)


def fetch(port: int, path: str, timeout: float = 120) -> tuple[int, float, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    started = time.perf_counter()
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, time.perf_counter() - started, body


# --------------------------------------------------------------------------- load


def run_wrk(port: int, paths_file: Path, seconds: int, connections: int) -> dict:
    threads = max(1, min(2, connections))
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "--latency",
        "-s",
        str(SCRATCH / "paths.lua"),
        f"http://127.0.0.1:{port}",
        "--",
        str(paths_file),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return parse_wrk(output) | {"command": " ".join(command)}


def _ms(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value)
    number, unit = float(match[1]), match[2]
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def parse_wrk(output: str) -> dict:
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1])}
    for label, key in (("50%", "p50_ms"), ("99%", "p99_ms")):
        result[key] = _ms(re.search(rf"^\s+{re.escape(label)}\s+(\S+)", output, re.M)[1])
    result["requests"] = int(re.search(r"(\d+) requests in", output)[1])
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    result["non_2xx"] = int(bad[1]) if bad else 0
    result["socket_errors"] = errors[1] if errors else ""
    return result


def run_threads(port: int, paths: list[str], seconds: int, connections: int) -> dict:
    """Fallback generator: ``connections`` threads with keep-alive, each a request at a time."""
    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection.request("GET", rng.choice(paths))
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - started)
            if response.status != 200:
                with lock:
                    bad[0] += 1
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    workers = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * latencies[len(latencies) // 2],
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "requests": len(latencies),
        "non_2xx": bad[0],
        "socket_errors": "",
        "command": f"python threads x{connections}",
    }


def load(port: int, name: str, paths: list[str], seconds: int, connections: int) -> dict:
    paths_file = SCRATCH / f"paths-{name}.txt"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    if shutil.which("wrk"):
        return run_wrk(port, paths_file, seconds, connections)
    return run_threads(port, paths, seconds, connections)


# --------------------------------------------------------------------------- main


def query_sentences(sentences: list[tuple[str, str]], n: int, rng: random.Random) -> list[str]:
    """Claim-like queries: half corpus sentences as written, half reworded (words dropped)."""
    out = []
    for _, sentence in rng.sample(sentences, n):
        if rng.random() < 0.5:
            words = sentence.split()
            keep = [w for w in words if rng.random() > 0.25] or words
            sentence = " ".join(keep)
        out.append(sentence)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", required=True, help="postgres://... (created if missing)")
    parser.add_argument("--factchecks", type=int, default=100_000)
    parser.add_argument("--reset", action="store_true", help="drop and rebuild the database")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=30, help="gunicorn worker timeout (s)")
    parser.add_argument("--seconds", type=int, default=20, help="load per endpoint")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--unloaded-seconds", type=int, default=5, help="extra run at concurrency 1 (0: skip)"
    )
    parser.add_argument("--skip-load", action="store_true", help="only build the database")
    parser.add_argument(
        "--endpoints", default="list,detail,match", help="comma-separated subset to load"
    )
    args = parser.parse_args(argv)

    SCRATCH.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    sentences = bbc_sentences()
    print(f"{len(sentences):,} BBC sentences")
    ensure_postgres_database(args.database, drop=args.reset)
    setup_django(args.database)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    have = published_count()
    built = None
    if have == args.factchecks:
        print(f"reusing {have:,} published fact-checks in {args.database}")
    elif have:
        raise SystemExit(f"{have:,} fact-checks already there, not {args.factchecks:,}: --reset")
    else:
        print(f"generating {args.factchecks:,} fact-checks")
        built = generate(args.factchecks, sentences)
        print(f"generated {built}")
    if args.skip_load:
        return 0

    from factcheck import match_index
    from factcheck.models import PUBLIC_STATES, Verdict

    started = time.perf_counter()
    index = match_index.PublishedIndex()
    index.warm()  # what gunicorn's master does at start (config/gunicorn.conf.py)
    build_seconds = time.perf_counter() - started
    entries = len(index._entries)
    print(f"match index build in this process: {build_seconds:.1f} s ({entries:,} entries)")
    del index
    ids = list(Verdict.objects.filter(state__in=PUBLIC_STATES).values_list("id", flat=True))
    from django.db import connections

    connections.close_all()

    detail_ids = rng.sample(ids, min(5000, len(ids)))
    queries = query_sentences(sentences, 5000, rng)
    quoted = [urllib.parse.quote(q) for q in queries]
    endpoints = {
        "list": (["/api/v1/fact-checks/"], ["/bare/list/"]),
        "detail": (
            [f"/api/v1/fact-checks/{i}/" for i in detail_ids],
            [f"/bare/detail/{i}/" for i in detail_ids],
        ),
        "match": (
            [f"/api/v1/fact-checks/match/?text={q}" for q in quoted],
            [f"/bare/match/?text={q}" for q in quoted],
        ),
    }

    site = write_site(SCRATCH)
    if not args.port:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    process, command = start_gunicorn(args.database, site, args.port, args.workers, args.timeout)
    results: dict = {"first_match": {}, "load": {}, "unloaded": {}}
    try:
        master = process.pid
        results["rss_before_mb"] = worker_rss_mb(master)
        # Each worker builds its own index on its first match request; keep asking until
        # ten requests in a row are fast, so both workers are warm before the load.
        times, statuses = [], []
        while "match" in args.endpoints.split(",") and len(times) < 60:
            started = time.perf_counter()
            try:
                status, seconds, _ = fetch(args.port, endpoints["match"][0][len(times)])
            except (OSError, http.client.HTTPException) as error:
                # A worker killed by gunicorn's --timeout while building drops the connection.
                status, seconds = type(error).__name__, time.perf_counter() - started
            times.append(seconds)
            statuses.append(status)
            if len(times) >= 10 and max(times[-10:]) < 1.0:
                break
            if statuses[-3:] == [statuses[-1]] * 3 and statuses[-1] != 200:
                break
        match_works = bool(statuses) and statuses[-1] == 200
        slow = [round(t, 2) for t in times if t >= 1.0]
        results["first_match"] = {
            "first_s": round(times[0], 2) if times else None,
            "slow_requests_s": slow,
            "statuses": sorted({str(status) for status in statuses}),
            "in_process_build_s": round(build_seconds, 2),
        }
        print(f"first match requests: {results['first_match']}")
        results["rss_after_mb"] = worker_rss_mb(master)
        for name, (api_paths, bare_paths) in endpoints.items():
            if name not in args.endpoints.split(","):
                continue
            if name == "match" and not match_works:
                print("match never answered 200 (see first_match): not loaded")
                continue
            for kind, paths in (("api", api_paths), ("bare", bare_paths)):
                status, _, _ = fetch(args.port, paths[0])
                assert status == 200, (kind, name, status)
                result = load(args.port, f"{kind}-{name}", paths, args.seconds, args.concurrency)
                results["load"][f"{kind} {name}"] = result
                print(f"{kind:4} {name:6} c={args.concurrency}: {fmt(result)}", flush=True)
                if args.unloaded_seconds:
                    result = load(args.port, f"{kind}-{name}", paths, args.unloaded_seconds, 1)
                    results["unloaded"][f"{kind} {name}"] = result
                    print(f"{kind:4} {name:6} c=1: {fmt(result)}", flush=True)
    finally:
        stop(process)

    loadavg = os.getloadavg()
    record = {
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": args.database,
        "factchecks": args.factchecks,
        "generated": built,
        "gunicorn": command,
        "seconds": args.seconds,
        "concurrency": args.concurrency,
        "timeout": args.timeout,
        "loadavg_after": loadavg,
        "nproc": os.cpu_count(),
        **results,
    }
    with (SCRATCH / "results.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps(record, default=str) + "\n")
    print()
    print(report(record))
    return 0


def fmt(result: dict) -> str:
    extra = f", {result['non_2xx']} non-2xx" if result["non_2xx"] else ""
    extra += f", socket errors {result['socket_errors']}" if result["socket_errors"] else ""
    return (
        f"{result['rps']:.0f} req/s, p50 {result['p50_ms']:.1f} ms, "
        f"p99 {result['p99_ms']:.1f} ms ({result['requests']} requests{extra})"
    )


def report(record: dict) -> str:
    lines = [
        f"{record['factchecks']:,} published fact-checks, `{record['gunicorn']}` (sync), "
        f"concurrency {record['concurrency']}, {record['seconds']} s per endpoint",
        "",
        "| endpoint | API req/s | API p50 ms | API p99 ms | bare req/s | bare p50 ms "
        "| bare p99 ms | API / bare | API p50 ms at c=1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name in ("list", "detail", "match"):
        if f"api {name}" not in record["load"]:
            lines.append(f"| {name} | not measured (see below) |")
            continue
        api, bare = record["load"][f"api {name}"], record["load"][f"bare {name}"]
        single = record["unloaded"].get(f"api {name}")
        single_text = f"{single['p50_ms']:.1f}" if single else "-"
        lines.append(
            f"| {name} | {api['rps']:.0f} | {api['p50_ms']:.1f} | {api['p99_ms']:.1f} "
            f"| {bare['rps']:.0f} | {bare['p50_ms']:.1f} | {bare['p99_ms']:.1f} "
            f"| {api['rps'] / bare['rps']:.2f} | {single_text} |"
        )
    first = record["first_match"]
    lines += [
        "",
        f"First match request (index build in the worker): {first['first_s']} s; "
        f"requests over 1 s while warming: {first['slow_requests_s']}; "
        f"build in the bench process: {first['in_process_build_s']} s. "
        f"Worker RSS before/after: {record['rss_before_mb']} / {record['rss_after_mb']} MB.",
        f"Load average after the run: {', '.join(f'{x:.2f}' for x in record['loadavg_after'])}",
    ]
    return textwrap.dedent("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
