"""End-to-end import throughput with 1, 2, 4 ... RQ workers on PostgreSQL, and their memory.

Usage::

    .venv/bin/python bench/bench_workers.py --articles 10000 --per-job 50 --workers 1 2 4

Input: perturbed copies of the BBC News articles (/work/shared/data/bbc-news/bbc_news.jsonl,
read in place, through ``bench/generate.py``'s extracted templates): each story is published
``--copies`` times by different synthetic outlets at different dates, with some numbers scaled
a little, some changed a lot and some person names swapped, so the comparison finds agreements
and contradictions as it would in real life. They are written as JSON Lines files (the
importer's own format: title, text, url, outlet, published_at) of ``--per-job`` articles each
under /tmp/benchworkers/, in a shuffled order so that copies of a story land in different jobs.

For each worker count: the scratch database is dropped and created again, migrated, the Redis
database flushed, and W workers started as deploy/ runs them in production
(``manage.py rqworker --job-class django_tasks_rq.Job default`` with
``FACTDESK_TASKS_BACKEND=rq``, debug off, connection pool on). Once all W have registered with
Redis, this process queues one import job per file through ``sources.jobs.start_import``
(what the admin's import form calls) and waits until no job is queued or running. The time is
from the first enqueue to the last job's ``finished_at``.

Memory: the default RQ worker forks a "work horse" per job (in a process group of its own), so
both are sampled from /proc every 0.2 s: the worker's RSS (idle, peak, final) and each horse's
peak RSS and peak private memory (Private_Clean + Private_Dirty from smaps_rollup: what the horse
adds on top of the pages it still shares copy-on-write with its parent).

Also recorded: CPU count, load average at start and end of each run, machine CPU busy share
during the run (/proc/stat), CPU seconds used by the workers and their horses, and how often
PostgreSQL backends of the scratch database were waiting on a lock. Results are printed and
appended to /tmp/benchworkers/results.jsonl. Workers are killed at the end of each run, also on
error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import math
import os
import random
import secrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/generate.py: templates and perturbation, reused as is)

WORKDIR = Path("/tmp/benchworkers")
RESULTS = WORKDIR / "results.jsonl"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/factdesk_benchw"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
WORKER_ARGS = ["rqworker", "--job-class", "django_tasks_rq.Job", "default"]
SAMPLE_EVERY = 0.2  # seconds, memory sampler
POLL_EVERY = 0.5  # seconds, job status poll
N_OUTLETS = 200


# --------------------------------------------------------------------------- input files


def build_input(articles: int, per_job: int, copies: int, templates_cache: Path) -> list[Path]:
    """JSON Lines files of ``per_job`` articles; reused when already built with these options."""
    folder = WORKDIR / f"input-{articles}-{per_job}-{copies}"
    done_marker = folder / "complete.json"
    if done_marker.exists():
        return sorted(folder.glob("batch-*.jsonl"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("batch-*.jsonl"):
        old.unlink()

    cache = templates_cache if templates_cache.exists() else WORKDIR / "templates.json"
    templates = [t for t in generate.build_templates(cache) if t["key"].startswith("bbc-")]
    pool = generate.person_pool(templates)
    # A fixed number of copies per story (rather than "all stories, then copy 1 of each ...")
    # keeps the share of articles with a counterpart the same whatever --articles is.
    stories = min(len(templates), math.ceil(articles / copies))
    chosen = random.Random("stories").sample(templates, stories)
    items = [(t, copy) for copy in range(copies) for t in chosen][:articles]
    rng = random.Random("order")
    rng.shuffle(items)

    records = []
    for template, copy in items:
        body, _claims = generate.perturb_article(template, copy, pool)
        meta = random.Random(f"meta/{copy}/{template['key']}")
        outlet = meta.randrange(N_OUTLETS)
        published = generate.BASE_DATE + dt.timedelta(seconds=meta.randrange(365 * 24 * 3600))
        records.append(
            {
                "title": template["title"],
                "text": body,
                "url": f"https://outlet{outlet:03d}.bench.example/{published:%Y/%m}/"
                f"{template['key']}-{copy}",
                "outlet": f"Bench Outlet {outlet:03d}",
                "published_at": published.isoformat(),
            }
        )
    paths = []
    for number, start in enumerate(range(0, len(records), per_job)):
        path = folder / f"batch-{number:04d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in records[start : start + per_job]:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    done_marker.write_text(
        json.dumps({"articles": len(records), "stories": stories, "files": len(paths)})
    )
    return paths


# --------------------------------------------------------------------------- processes


def worker_env(database: str, redis_url: str) -> dict[str, str]:
    """Production-like settings (deploy/env.example), minus HTTPS which workers never serve."""
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "FACTDESK_", "REDIS_"))
    }
    return inherited | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "localhost",
        "DATABASE_URL": database,
        "REDIS_URL": redis_url,
        "FACTDESK_TASKS_BACKEND": "rq",
        "FACTDESK_LOG_FORMAT": "plain",
    }


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(word) for word in text.split()]


def session_members(session: int) -> list[int]:
    """Processes in a session: a worker and its horses (each horse has its own process group
    but stays in its worker's session, even after the worker is gone)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session:  # after the ")": state, ppid, pgrp, session
            members.append(int(entry.name))
    return members


def kill_workers(workers: list[subprocess.Popen]) -> None:
    """SIGKILL every process in each worker's session (started with start_new_session)."""
    for _ in range(3):  # a worker may fork one more horse while its session is being killed
        for process in workers:
            for pid in session_members(process.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        for process in workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=10)
        if not any(session_members(process.pid) for process in workers):
            return
    print("some worker processes did not die", file=sys.stderr)


def stop_workers(workers: list[subprocess.Popen]) -> None:
    """Warm shutdown (SIGTERM, as systemd does); whatever is left after 20 s is killed."""
    for process in workers:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 20
    for process in workers:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
    kill_workers(workers)  # also any horse left behind by a worker that died


# --------------------------------------------------------------------------- measuring


def memory_of(pid: int) -> tuple[int, int] | None:
    """(RSS, private) in kB, or None when the process is gone."""
    rss = private = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
                break
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith(("Private_Clean:", "Private_Dirty:")):
                private += int(line.split()[1])
    except (OSError, ValueError):
        return None
    return rss, private


def cpu_seconds(pid: int) -> float:
    """User + system time of a process and its waited-for children (the horses)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    # After the ")": state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based).
    ticks = sum(int(fields[i]) for i in (11, 12, 13, 14))
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies over all CPUs since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def load_average() -> list[float]:
    return [float(v) for v in Path("/proc/loadavg").read_text().split()[:3]]


class Sampler(threading.Thread):
    """Samples the workers' and their horses' memory until stopped."""

    def __init__(self, workers: list[subprocess.Popen]):
        super().__init__(daemon=True)
        self.pids = [p.pid for p in workers]
        self.parent_peak = dict.fromkeys(self.pids, 0)
        self.parent_last = dict.fromkeys(self.pids, 0)
        self.horse_peak_rss: dict[int, int] = {}
        self.horse_peak_private: dict[int, int] = {}
        self.horse_owner: dict[int, int] = {}
        self.stopping = threading.Event()

    def sample(self) -> None:
        for pid in self.pids:
            measured = memory_of(pid)
            if measured is not None:
                self.parent_last[pid] = measured[0]
                self.parent_peak[pid] = max(self.parent_peak[pid], measured[0])
            for horse in children(pid):
                horse_memory = memory_of(horse)
                if horse_memory is None:
                    continue
                self.horse_owner[horse] = pid
                rss, private = horse_memory
                self.horse_peak_rss[horse] = max(self.horse_peak_rss.get(horse, 0), rss)
                self.horse_peak_private[horse] = max(self.horse_peak_private.get(horse, 0), private)

    def run(self) -> None:
        while not self.stopping.wait(SAMPLE_EVERY):
            self.sample()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)


class DatabaseWatch(threading.Thread):
    """The scratch database's backends: how often active or waiting on a lock, and their CPU.

    PostgreSQL runs on this machine, so each backend's CPU time is read from /proc while it
    lives (a backend exits with the horse that opened it: up to one sampling interval of its
    CPU time is missed). The bench's own polling connection is counted too (it does little).
    """

    def __init__(self, database: str):
        super().__init__(daemon=True)
        self.name_ = urlsplit(database).path.lstrip("/")
        self.admin = database.rsplit("/", 1)[0] + "/postgres"
        self.samples = self.active = self.waiting = 0
        self.cpu: dict[int, float] = {}
        self.before: dict[int, float] = {}
        self.ready = threading.Event()
        self.error = ""
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            self.watch()
        except Exception as error:  # the figures are then partial: say so in the results
            self.error = repr(error)
            self.ready.set()

    def watch(self) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as connection:
            # CPU the backends already open had used before the run is not the run's.
            for (pid,) in connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.name_]
            ).fetchall():
                self.before[pid] = cpu_seconds(pid)
            self.ready.set()
            while not self.stopping.wait(SAMPLE_EVERY):
                rows = connection.execute(
                    # state and wait_event_type are NULL for some backends: never NULLs here.
                    "SELECT pid, coalesce(state = 'active', false), "
                    "coalesce(state = 'active' AND wait_event_type = 'Lock', false) "
                    "FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    [self.name_],
                ).fetchall()
                self.samples += 1
                self.active += sum(active for _, active, _ in rows)
                self.waiting += sum(waiting for _, _, waiting in rows)
                for pid, _, _ in rows:
                    used = cpu_seconds(pid)
                    if not math.isnan(used):
                        self.cpu[pid] = used

    @property
    def cpu_seconds(self) -> float:
        return sum(used - self.before.get(pid, 0.0) for pid, used in self.cpu.items())

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=5)


# --------------------------------------------------------------------------- one run


def recreate_database(database: str) -> None:
    from django.db import connections

    connections.close_all()
    generate.ensure_postgres_database(database, drop=True)


def drop_database(database: str) -> None:
    import psycopg
    from django.db import connections

    connections.close_all()
    admin = database.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        name = urlsplit(database).path.lstrip("/")
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run_once(
    workers_wanted: int, files: list[Path], env: dict[str, str], args: argparse.Namespace
) -> dict:
    import redis
    from django.db import connections
    from django.db.models import Count, Max, Min, Q, Sum
    from rq import Worker

    from factcheck.models import Claim, ClaimGroup, ClaimLink
    from sources.jobs import start_import
    from sources.models import ImportJob, JobStatus, Source

    load_start = load_average()
    recreate_database(args.database)
    manage(env, "migrate", "--noinput")
    connection = redis.Redis.from_url(args.redis_url)
    connection.flushdb()

    workers: list[subprocess.Popen] = []
    sampler = None
    locks = DatabaseWatch(args.database)
    try:
        for number in range(workers_wanted):
            log = (WORKDIR / f"worker-{workers_wanted}-{number}.log").open("w")
            workers.append(
                subprocess.Popen(
                    [sys.executable, "manage.py", *WORKER_ARGS],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # own process group: killed as one at the end
                )
            )
            log.close()
        deadline = time.monotonic() + 120
        while len(Worker.all(connection=connection)) < workers_wanted:
            if any(p.poll() is not None for p in workers):
                raise RuntimeError(f"a worker exited at start; see {WORKDIR}/worker-*.log")
            if time.monotonic() > deadline:
                raise RuntimeError("workers did not register with Redis within 120 s")
            time.sleep(0.2)
        time.sleep(1)  # let the workers settle into their blocking dequeue
        idle_rss = {p.pid: (memory_of(p.pid) or (0, 0))[0] for p in workers}
        sampler = Sampler(workers)
        sampler.start()
        locks.start()
        locks.ready.wait(10)
        cpu_before = machine_cpu()
        worker_cpu_before = sum(cpu_seconds(p.pid) for p in workers)  # start-up is not counted

        started = time.time()
        for path in files:
            start_import(kind="file", target=str(path))  # autocommit: enqueued at once
        enqueued = time.time() - started
        pending = Q(status__in=[JobStatus.QUEUED, JobStatus.RUNNING])
        deadline = time.monotonic() + args.timeout
        while ImportJob.objects.filter(pending).exists():
            if any(p.poll() is not None for p in workers):
                raise RuntimeError(f"a worker died; see {WORKDIR}/worker-*.log")
            if time.monotonic() > deadline:
                raise RuntimeError(f"jobs not finished after {args.timeout} s")
            time.sleep(POLL_EVERY)
            connections.close_all()  # a fresh snapshot every poll
        polled = time.time() - started
        cpu_after = machine_cpu()
        locks.stop()
        sampler.sample()
        sampler.stop()
        load_end = load_average()
        # A horse's CPU time reaches its worker's counters once the worker has reaped it;
        # the last horse may still be winding down RQ's bookkeeping after the job's status
        # is saved.
        reaped_by = time.monotonic() + 10
        while any(children(p.pid) for p in workers) and time.monotonic() < reaped_by:
            time.sleep(0.05)
        worker_cpu = sum(cpu_seconds(p.pid) for p in workers) - worker_cpu_before
    finally:
        if sampler is not None:
            sampler.stop()
        locks.stop()
        stop_workers(workers)
        connection.flushdb()
        connection.close()

    jobs = ImportJob.objects.aggregate(
        first_start=Min("started_at"),
        last_finish=Max("finished_at"),
        documents=Sum("documents"),
        created=Sum("created"),
        failed=Sum("failed"),
        failed_jobs=Count("id", filter=Q(status=JobStatus.FAILED)),
        retried=Count("id", filter=Q(attempts__gt=1)),
        jobs=Count("id"),
    )
    busy = sum(
        (job.finished_at - job.started_at).total_seconds()
        for job in ImportJob.objects.exclude(started_at=None).exclude(finished_at=None)
    )
    errors = [
        line
        for text in ImportJob.objects.values_list("errors", flat=True)
        for line in text.split("\n")
    ]
    elapsed = jobs["last_finish"].timestamp() - started
    claims = Claim.objects.count()
    links = ClaimLink.objects.aggregate(
        all=Count("id"), contradicts=Count("id", filter=Q(relation="contradicts"))
    )
    horses = sorted(sampler.horse_peak_rss)
    cpu_busy, cpu_total = (a - b for a, b in zip(cpu_after, cpu_before, strict=True))
    result = {
        "workers": workers_wanted,
        "articles": jobs["documents"],
        "jobs": jobs["jobs"],
        "seconds": round(elapsed, 2),
        "seconds_polled": round(polled, 2),
        "enqueue_seconds": round(enqueued, 3),
        "sources": Source.objects.count(),
        "created": jobs["created"],
        "failed_documents": jobs["failed"],
        "failed_jobs": jobs["failed_jobs"],
        "retried_jobs": jobs["retried"],
        "errors": [e for e in errors if e][:10],
        "claims": claims,
        "links": links["all"],
        "contradictions": links["contradicts"],
        "groups": ClaimGroup.objects.count(),
        "articles_per_s": round(jobs["created"] / elapsed, 2),
        "claims_per_s": round(claims / elapsed, 1),
        "worker_busy_share": round(busy / (workers_wanted * elapsed), 3),
        "machine_cpu_busy_share": round(cpu_busy / cpu_total, 3) if cpu_total else None,
        "worker_cpu_seconds": round(worker_cpu, 1),
        "postgres_cpu_seconds": round(locks.cpu_seconds, 1),
        "cpu_seconds_per_article": round((worker_cpu + locks.cpu_seconds) / jobs["created"], 4),
        "our_cpu_share": round((worker_cpu + locks.cpu_seconds) / (elapsed * os.cpu_count()), 3),
        "db_watch_error": locks.error,
        "pg_active_backends_mean": round(locks.active / max(locks.samples, 1), 2),
        "pg_lock_waiting_mean": round(locks.waiting / max(locks.samples, 1), 2),
        "worker_rss_idle_mb": [round(idle_rss[pid] / 1024, 1) for pid in sampler.pids],
        "worker_rss_peak_mb": [round(sampler.parent_peak[pid] / 1024, 1) for pid in sampler.pids],
        "worker_rss_final_mb": [round(sampler.parent_last[pid] / 1024, 1) for pid in sampler.pids],
        "horses_seen": len(horses),
        "horse_rss_peak_mb": round(max(sampler.horse_peak_rss.values(), default=0) / 1024, 1),
        "horse_rss_median_peak_mb": round(median(sampler.horse_peak_rss.values()) / 1024, 1),
        "horse_private_peak_mb": round(
            max(sampler.horse_peak_private.values(), default=0) / 1024, 1
        ),
        "horse_private_median_peak_mb": round(
            median(sampler.horse_peak_private.values()) / 1024, 1
        ),
        "load_start": load_start,
        "load_end": load_end,
    }
    return result


def median(values) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# --------------------------------------------------------------------------- main


def print_table(rows: list[dict]) -> None:
    base = next((r for r in rows if r["workers"] == 1), None)
    header = (
        f"{'W':>2} {'articles':>8} {'s':>7} {'art/s':>6} {'claims/s':>8} {'speed-up':>8} "
        f"{'links':>7} {'contra':>6} {'fail':>4} {'busy':>5} {'cpu':>5} {'ours':>5} "
        f"{'cpu s/art':>9} {'lockw':>5} "
        f"{'worker RSS idle/peak/final MB':>30} {'horse RSS pk':>12} {'horse priv pk':>13} "
        f"{'load start -> end':>18}"
    )
    print(header)
    for r in rows:
        speed_up = f"{r['articles_per_s'] / base['articles_per_s']:.2f}x" if base else "-"
        rss = (
            f"{max(r['worker_rss_idle_mb']):.0f}/{max(r['worker_rss_peak_mb']):.0f}/"
            f"{max(r['worker_rss_final_mb']):.0f}"
        )
        print(
            f"{r['workers']:>2} {r['created']:>8} {r['seconds']:>7.1f} "
            f"{r['articles_per_s']:>6.2f} {r['claims_per_s']:>8.1f} {speed_up:>8} "
            f"{r['links']:>7} {r['contradictions']:>6} {r['failed_documents']:>4} "
            f"{r['worker_busy_share']:>5.2f} {r['machine_cpu_busy_share']:>5.2f} "
            f"{r['our_cpu_share']:>5.2f} {r['cpu_seconds_per_article']:>9.3f} "
            f"{r['pg_lock_waiting_mean']:>5.2f} {rss:>30} {r['horse_rss_peak_mb']:>12.0f} "
            f"{r['horse_private_peak_mb']:>13.0f} "
            f"{r['load_start'][0]:>8.2f} -> {r['load_end'][0]:<6.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--per-job", type=int, default=50, help="articles per file (job)")
    parser.add_argument("--copies", type=int, default=5, help="copies of each story")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS)
    parser.add_argument("--templates", type=Path, default=generate.DEFAULT_CACHE)
    parser.add_argument("--timeout", type=float, default=7200, help="seconds per run")
    parser.add_argument("--keep", action="store_true", help="keep the last run's database")
    args = parser.parse_args(argv)

    # SIGTERM (and SIGINT even when started in the background, where it is ignored) end the
    # bench through the same clean-up as Ctrl-C: the workers are killed.
    def interrupt(signum, frame):
        raise KeyboardInterrupt(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)

    WORKDIR.mkdir(parents=True, exist_ok=True)
    files = build_input(args.articles, args.per_job, args.copies, args.templates)
    cores = os.cpu_count()
    usable = len(os.sched_getaffinity(0))
    print(
        f"{args.articles} articles in {len(files)} files of {args.per_job}; "
        f"{cores} CPUs ({usable} usable by this process): throughput cannot scale past "
        f"{usable} workers, and PostgreSQL, Redis and this process share those CPUs too.",
        flush=True,
    )

    env = worker_env(args.database, args.redis_url)
    # This process only queues jobs and polls them; it uses the workers' settings (so the task
    # goes to the same Redis queue) but without a connection pool, because its database is
    # dropped and created again between runs.
    os.environ.update(env | {"FACTDESK_DB_POOL": "0"})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    rows = []
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    try:
        for count in args.workers:
            print(f"--- {count} worker(s), load {load_average()}", flush=True)
            row = run_once(count, files, env, args)
            row |= {
                "time": stamp,
                "per_job": args.per_job,
                "copies": args.copies,
                "cpus": cores,
                "cpus_usable": usable,
                "database": args.database,
            }
            rows.append(row)
            print(json.dumps(row), flush=True)
            with RESULTS.open("a") as out:
                out.write(json.dumps(row) + "\n")
    finally:
        if not args.keep:
            drop_database(args.database)
    print()
    print_table(rows)
    print(
        f"\n{cores} CPUs. W = workers; busy = share of W x elapsed spent inside jobs; "
        "cpu = machine-wide CPU busy share during the run; ours = the share used by the workers, "
        "their horses and the database's PostgreSQL backends; cpu s/art = their CPU seconds "
        "per article; lockw = mean PostgreSQL backends "
        "waiting on a lock; RSS in MB (horse = forked per-job process; priv = its private "
        "memory, not shared with its parent)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
