"""Reactions on one hot article: 32 concurrent readers POSTing through gunicorn.

Production-like: DEBUG off, gunicorn's sync workers, PostgreSQL over TCP, persistent
connections. Every POST comes from a new reader (no cookie), the heaviest case for the
hot article: an INSERT plus an increment of the same tally row each time. Afterwards the
tallies must equal the live rows, and the rows the successful POSTs.

    .venv/bin/python -m bench.reactions [--clients 32] [--seconds 20] [--max-requests 50000]

It uses its own database (``newsroom_bench_reactions``, dropped and made again each run)
on BENCH_DATABASE_URL, by default the machine's PostgreSQL at 127.0.0.1:5432. Only
127.0.0.1 is ever contacted; the load stops by itself at the time or request bound.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench_reactions"
KINDS = ["like", "love", "haha", "wow", "sad", "angry"]


def production_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-" + "k3y9" * 12,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on the loopback; TLS is the proxy's job
        "CONN_MAX_AGE": "600",
        # Every client here is 127.0.0.1: per-address limits would stop the benchmark.
        # Per-reader limits stay as in production (each POST is a new reader).
        "REACTIONS_RATE_LIMIT_IP": "0",
        "LOG_LEVEL": "WARNING",
    }


def recreate_database(database_url: str) -> None:
    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


SETUP = """
from articles.models import Article, Section
section = Section.objects.create(name="اختبار الحمل", slug="bench-load")
article = Article.objects.create(title="خبر ساخن", body="<p>نص</p>", section=section,
                                 status=Article.Status.PUBLISHED)
print(article.pk)
"""

CHECK = """
from collections import Counter
from reactions.models import Reaction, Tally
article_id = {article_id}
live = Counter(Reaction.objects.live().filter(article_id=article_id)
               .values_list("kind__slug", flat=True))
tallies = {{t.kind.slug: t.count for t in Tally.objects.filter(article_id=article_id)
           .select_related("kind") if t.count}}
print(sum(live.values()), int(dict(live) == tallies), dict(live), tallies)
"""


def start_gunicorn(env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [
            str(gunicorn), "newsroom.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--worker-class", "sync", "--backlog", "2048",
            "--timeout", "60", "--log-level", "warning", "--no-control-socket",
        ],
        cwd=ROOT, env=env,
    )  # fmt: skip


def wait_until_up(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit("gunicorn did not answer in time")


def drive(port: int, path: str, clients: int, seconds: float, max_requests: int) -> dict:
    """``clients`` threads POSTing as new readers until the time or request bound."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    sent = [0]
    deadline = time.monotonic() + seconds
    origin = f"http://127.0.0.1:{port}"

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < deadline:
            with lock:
                if sent[0] >= max_requests:
                    return
                sent[0] += 1
            body = f"kind={rng.choice(KINDS)}"
            started = time.perf_counter()
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("POST", path, body=body, headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept": "application/json",
                    "Origin": origin,
                })  # fmt: skip
                response = conn.getresponse()
                response.read()
                status = response.status
                conn.close()
            except OSError:
                status = 0
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0] * 99
    return {
        "requests": len(latencies),
        "ok": statuses.get(200, 0),
        "statuses": statuses,
        "seconds": wall,
        "rate": statuses.get(200, 0) / wall,
        "p50_ms": quantiles[49] * 1000,
        "p99_ms": quantiles[98] * 1000,
    }


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    env = production_env(database_url)
    parts = urlsplit(database_url)
    print(f"database: {parts.hostname}:{parts.port or 5432}{parts.path}")
    recreate_database(database_url)
    manage(env, "migrate", "--no-input", "-v", "0")
    article_id = int(manage(env, "shell", "--no-imports", "-c", SETUP).strip())
    path = f"/reactions/{article_id}/"

    server = start_gunicorn(env, args.port, args.workers)
    try:
        wait_until_up(args.port, path)
        result = drive(args.port, path, args.clients, args.seconds, args.max_requests)
    finally:
        server.terminate()
        server.wait(timeout=30)

    rows, equal, live, tallies = manage(
        env, "shell", "--no-imports", "-c", CHECK.format(article_id=article_id)
    ).split(" ", 3)
    exact = equal == "1" and int(rows) == result["ok"]
    report = "\n".join(
        [
            f"reactions bench: {args.clients} clients, {args.workers} gunicorn sync workers, "
            f"{result['seconds']:.1f} s, one hot article",
            f"machine: {machine()}",
            f"requests: {result['requests']}, statuses: {result['statuses']}",
            f"reactions/s: {result['rate']:.0f}",
            f"latency p50: {result['p50_ms']:.1f} ms, p99: {result['p99_ms']:.1f} ms",
            f"live rows: {rows}, successful POSTs: {result['ok']}, "
            f"tallies equal rows: {'yes' if exact else 'NO'}",
        ]
    )
    print(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "reactions.txt").write_text(report + "\n", encoding="utf-8")
    if not exact:
        sys.exit(f"counts differ: rows {live} tallies {tallies}")


if __name__ == "__main__":
    main()
