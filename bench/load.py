"""A hot story under breaking-news load, side by side with its yardsticks.

    .venv/bin/python -m bench.load [--articles 100000] [--reactions 1000000] [--seconds 10]

Builds an archive in its own database (BENCH_DATABASE_URL, by default the machine's
PostgreSQL at 127.0.0.1:5432, database newsroom_bench_load), serves it with the
production settings (DEBUG off, WhiteNoise's compressed static files, Redis cache) under
gunicorn's sync workers behind nginx, and loads it from wrk on 127.0.0.1 only. Every
figure is printed with p50/p99 latency and as a ratio to its yardstick; a missed target
is printed as missed, and a table shows where each request's CPU went (bench/cpu.py).
Results go to bench/results/load.txt.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, unquote

from bench.cpu import CpuMeter, median_cpu, table
from bench.reactions import machine, manage, production_env, recreate_database

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/newsroom_bench_load"
APP_PORT, BARE_PORT, NGINX_PORT = 8771, 8772, 8773
WORKERS = 2 * (os.cpu_count() or 1)

GENERATE = """
import json, random
from datetime import timedelta
from django.db import connection
from django.utils import timezone
from articles.models import Article
from reactions.models import ReactionKind
articles, reactions, hot_share = {articles}, {reactions}, {hot}
with connection.cursor() as c:
    c.execute("SELECT id FROM articles_section ORDER BY id")
    sections = [r[0] for r in c.fetchall()]
    c.execute(
        "INSERT INTO articles_article (title, slug, deck, agency, city, body, image, "
        "image_renditions, image_caption, image_credit, image_alt, section_id, status, "
        "publish_at, language, reactions_closed, created_at, updated_at, version) "
        "SELECT 'خبر من الأرشيف رقم ' || g, 'خبر-من-الأرشيف-' || g, 'موجز الخبر رقم ' || g, "
        "'عين للأنباء', 'الرباط', '<p>نص الخبر المؤرشف رقم ' || g || '.</p>', '', '[]', '', "
        "'', '', (%s::bigint[])[1 + g %% %s], 'published', now() - (g || ' minutes')::interval, "
        "'ar', false, now() - (g || ' minutes')::interval, now() - (g || ' minutes')::interval, 1 "
        "FROM generate_series(1, %s) g",
        [sections, len(sections), articles],
    )
    c.execute(
        "UPDATE articles_article SET search_vector = setweight(to_tsvector('arabic', title), 'A') "
        "|| setweight(to_tsvector('arabic', deck), 'B') WHERE search_vector IS NULL"
    )
    # 500 hashtags, two on every story: hashtag pages and related stories at scale.
    c.execute(
        "INSERT INTO taggit_tag (name, slug) SELECT 'وسم_' || g, 'وسم_' || g "
        "FROM generate_series(1, 500) g ON CONFLICT DO NOTHING"
    )
    c.execute(
        "INSERT INTO articles_taggedarticle (content_object_id, tag_id) "
        "SELECT a.id, t.id FROM articles_article a JOIN taggit_tag t "
        "ON t.slug IN ('وسم_' || (1 + a.id %% 500), 'وسم_' || (1 + (a.id * 7) %% 500)) "
        "WHERE a.title LIKE 'خبر من الأرشيف%%' ON CONFLICT DO NOTHING",
        [],
    )
hot = Article.objects.published().filter(title__startswith="موسكو").first() or \\
    Article.objects.published().order_by("-publish_at").first()
kinds = list(ReactionKind.objects.values_list("id", flat=True))
with connection.cursor() as c:
    c.execute(
        "INSERT INTO reactions_reaction (article_id, kind_id, reader_key, ip_hash, created_at, "
        "updated_at) SELECT %s, (%s::bigint[])[1 + g %% %s], 'bench-hot-' || g, '', "
        "now() - (g || ' seconds')::interval, now() FROM generate_series(1, %s) g",
        [hot.pk, kinds, len(kinds), hot_share],
    )
    c.execute("SELECT id FROM articles_article ORDER BY publish_at DESC LIMIT 2000")
    others = [r[0] for r in c.fetchall() if r[0] != hot.pk]
    c.execute(
        "INSERT INTO reactions_reaction (article_id, kind_id, reader_key, ip_hash, created_at, "
        "updated_at) SELECT (%s::bigint[])[1 + g %% %s], (%s::bigint[])[1 + g %% %s], "
        "'bench-' || g, '', now() - ((g::bigint * 7919) %% 108000 || ' seconds')::interval, now() "
        "FROM generate_series(1, %s) g",  # over the 30 hours these stories came out in
        [others, len(others), kinds, len(kinds), reactions - hot_share],
    )
    # As autovacuum would have by now: visibility maps let counts use index-only scans.
    c.execute("VACUUM ANALYZE")
"""

FIND = """
from articles.models import Article
hot = Article.objects.published().filter(title__startswith="موسكو").first() or \\
    Article.objects.published().order_by("-publish_at").first()
cold = Article.objects.published().exclude(pk=hot.pk).order_by("publish_at").first()
print(hot.pk, hot.get_absolute_url(), cold.pk)
"""

STAFF = """
import statistics, time
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
user = get_user_model().objects.filter(username="bench-staff").first() or \\
    get_user_model().objects.create_superuser("bench-staff", "", None)
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
pages = [
    ("stories list", reverse("admin:articles_article_changelist")),
    ("hot story's form", reverse("admin:articles_article_change", args=[{hot_id}])),
    ("reactions list", reverse("admin:reactions_reaction_changelist")),
    ("reactions dashboard (7 days)", reverse("admin:reactions_dashboard")),
    ("dashboard CSV", reverse("admin:reactions_export")),
]
for name, url in pages:
    assert client.get(url).status_code == 200, url
    times = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
    print(f"  {{name:<42}} {{statistics.median(times):6.0f}} ms  {{len(queries)}} queries")
"""

COUNT = """
from reactions.models import Reaction, Tally
from django.db.models import Sum
pk = {pk}
rows = Reaction.objects.live().filter(article_id=pk).exclude(reader_key__startswith="bare-").count()
tally = Tally.objects.filter(article_id=pk).aggregate(s=Sum("count"))["s"] or 0
print(rows, tally)
"""

DROP_BARE_ROWS = """
from reactions.models import Reaction
Reaction.objects.filter(reader_key__startswith="bare-").delete()
"""

POST_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
wrk.headers["Origin"] = "http://127.0.0.1:{port}"
local kinds = {{"like", "love", "haha", "wow", "sad", "angry"}}
request = function()
  return wrk.format(nil, nil, nil, "kind=" .. kinds[math.random(#kinds)])
end
local statuses = {{}}
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
"""


def run(cmd: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


def wrk(url: str, seconds: int, connections: int = 32, headers=(), script: str | None = None):
    """requests/s, p50 ms, p99 ms and non-2xx/3xx count of one wrk run."""
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for header in headers:
        cmd += ["-H", header]
    if script:
        cmd += ["-s", script]
    out = run([*cmd, url]).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def quantile(q):
        match = re.search(rf"^\s+{q}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {
        "rate": rate,
        "p50": quantile(50),
        "p99": quantile(99),
        "bad": int(bad.group(1)) if bad else 0,
        "errors": errors.group(1) if errors else "",
        "total": total,
    }


def median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["rate"])[len(runs) // 2]


def fetch(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read(), dict(response.getheaders())


def wait_for(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if fetch(port, path)[0] in (200, 301, 302):
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"nothing answered on port {port}")


def gunicorn(env: dict, port: int, app: str = "newsroom.wsgi:application") -> subprocess.Popen:
    binary = Path(sys.executable).with_name("gunicorn")
    return subprocess.Popen(
        [str(binary), app, "--bind", f"127.0.0.1:{port}", "--workers", str(WORKERS),
         "--worker-class", "sync", "--backlog", "2048", "--log-level", "warning",
         "--no-control-socket"],
        cwd=ROOT, env=env,
    )  # fmt: skip


def start_nginx(prefix: Path, static_root: Path, static_dir: Path) -> subprocess.Popen:
    template = (ROOT / "deploy" / "nginx.conf.template").read_text()
    conf = template.format(
        port=NGINX_PORT,
        upstream=f"127.0.0.1:{APP_PORT}",
        cache_dir=prefix / "cache",
        static_root=static_root,
        static_dir=static_dir,
        prefix=prefix,
    )
    if os.geteuid() == 0:  # bench only: let workers read the temporary folders we made
        conf = "user root root;\n" + conf
    (prefix / "nginx.conf").write_text(conf)
    return subprocess.Popen(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                             "-g", "daemon off;"])  # fmt: skip


def page_weight(port: int, path: str) -> tuple[int, int]:
    """Compressed bytes of the page with its CSS and JS, and of its JS alone."""
    _status, html, _h = fetch(port, path)
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    total = len(gzip.compress(html, 6))
    js = 0
    for asset in set(assets):
        body = fetch(port, asset.decode())[1]
        size = len(gzip.compress(body, 6))
        total += size
        if asset.endswith(b".js"):
            js += size
    return total, js


def line(name, result, yardstick=None, target=None, unit="req/s"):
    ratio = ""
    if "ratio" in result:  # paired runs: the median of the rounds' ratios
        ratio = f"  {result['ratio']:.3f}× yardstick (median of the rounds)"
    elif yardstick:
        ratio = f"  {result['rate'] / yardstick['rate']:.3f}× yardstick"
    verdict = ""
    if target is not None:
        verdict = "  target met" if target(result) else "  TARGET MISSED"
    flags = f"  ({result['bad']} non-2xx)" if result["bad"] else ""
    if "runs" in result:
        flags += "  (median of " + " / ".join(f"{rate:.0f}" for rate in result["runs"]) + ")"
    return (
        f"{name:<44} {result['rate']:>9.0f} {unit}  p50 {result['p50']:6.1f} ms  "
        f"p99 {result['p99']:6.1f} ms{ratio}{verdict}{flags}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--reactions", type=int, default=1_000_000)
    parser.add_argument("--hot", type=int, default=200_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument(
        "--reuse-archive",
        action="store_true",
        help="keep the archive a previous run built (faster; reaction counts have grown)",
    )
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool):
            sys.exit(f"{tool} is needed: apt-get install -y wrk nginx-light (make bench does it)")

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    env = production_env(database_url)
    env.update(
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        NEWSROOM_VAR_DIR=str(work / "var"),
        MEDIA_ROOT=str(work / "media"),
    )
    print(f"machine: {machine()}; {WORKERS} gunicorn sync workers; wrk -t2 -c32 -d{args.seconds}s")
    started = time.monotonic()
    if not args.reuse_archive:
        recreate_database(database_url)
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    if not args.reuse_archive:
        manage(env, "load_demo", "--no-images", "--force")
        generate = GENERATE.format(articles=args.articles, reactions=args.reactions, hot=args.hot)
        manage(env, "shell", "--no-imports", "-c", generate)
    # The bare POSTs' rows (no tallies) leave with their run; the tallies start exact.
    manage(env, "shell", "--no-imports", "-c", DROP_BARE_ROWS)
    manage(env, "recount")
    hot_id, hot_url, cold_id = manage(env, "shell", "--no-imports", "-c", FIND).split()
    run(["redis-cli", "-n", "15", "FLUSHDB"])
    print(f"archive ready in {time.monotonic() - started:.0f} s: hot story {hot_url}")

    lines = [f"machine: {machine()}", f"archive: {args.articles} articles, {args.reactions} "
             f"reactions, {args.hot} on the hot story; {WORKERS} gunicorn sync workers; "
             f"wrk -t2 -c32 -d{args.seconds}s on 127.0.0.1"]  # fmt: skip
    explain = run([sys.executable, "-m", "bench.explain", hot_id], cwd=ROOT, env=env)
    lines += ["", "EXPLAIN of every public page's queries:", explain.stdout.rstrip()]
    if explain.returncode not in (0, 1):
        lines.append(explain.stderr[-2000:])

    staff = manage(env, "shell", "--no-imports", "-c", STAFF.format(hot_id=hot_id))
    lines += ["", "Staff pages at this size (in one process, median of 5 loads):", staff.rstrip()]

    hot_path = hot_url  # already percent-encoded by reverse()
    uncached = ["Cookie: sessionid=bench-uncached"]
    results = {}
    static_dir = work / "static-copy"
    static_dir.mkdir()
    app = gunicorn(env, APP_PORT)
    bare = gunicorn({**env, "DJANGO_SETTINGS_MODULE": "bench.bare_settings"}, BARE_PORT)
    nginx = None
    try:
        wait_for(APP_PORT, hot_path)
        wait_for(BARE_PORT, f"/bare/{cold_id}/")
        page = fetch(APP_PORT, hot_path)[1]
        (static_dir / "article.html").write_bytes(page)
        # The same file at the article's own address (percent-encoded Arabic, which nginx
        # decodes on every request, cached or not): the like-for-like comparison.
        at_address = static_dir / unquote(hot_path).strip("/")
        at_address.parent.mkdir(parents=True)
        at_address.write_bytes(page)
        static_address = "/bench-static" + hot_path.rstrip("/")
        nginx = start_nginx(work, Path(env["NEWSROOM_VAR_DIR"]) / "static", static_dir)
        wait_for(NGINX_PORT, "/bench-static/article.html")
        s = args.seconds

        def url(port: int, path: str) -> str:
            return f"http://127.0.0.1:{port}{path}"

        app_cpu, bare_cpu = CpuMeter(app.pid), CpuMeter(bare.pid)

        def paired(ours: str, yardstick: str, our_run, yardstick_run, bare_yardstick=False):
            # wrk, nginx, gunicorn, Redis and PostgreSQL share two cores, and the machine's
            # speed drifts from minute to minute: one run swings by ±20%. Three runs of each,
            # interleaved, and the medians compare the two under the same conditions.
            # Each round's ratio is of two runs back to back; the median of those is the figure.
            # Every run's CPU is charged to the parts of the machine (bench/cpu.py).
            their_cpu = bare_cpu if bare_yardstick else app_cpu
            rounds = [
                (their_cpu.measure(yardstick_run), app_cpu.measure(our_run)) for _ in range(3)
            ]
            for name, runs in ((yardstick, [r[0] for r in rounds]), (ours, [r[1] for r in rounds])):
                results[name] = {
                    **median_run(runs),
                    "runs": [r["rate"] for r in runs],
                    "cpu": median_cpu(runs),
                }
            ratios = sorted(mine["rate"] / theirs["rate"] for theirs, mine in rounds)
            results[ours]["ratio"] = ratios[len(ratios) // 2]

        fetch(NGINX_PORT, hot_path)
        paired(
            "proxy", "static",
            lambda: wrk(url(NGINX_PORT, hot_path), s),
            lambda: wrk(url(NGINX_PORT, "/bench-static/article.html"), s),
        )  # fmt: skip
        paired(
            "proxy_by_address", "static_address",
            lambda: wrk(url(NGINX_PORT, hot_path), s),
            lambda: wrk(url(NGINX_PORT, static_address), s),
        )  # fmt: skip
        gzip_header = ["Accept-Encoding: gzip, deflate, br"]  # as browsers ask
        fetch(NGINX_PORT, hot_path, {"Accept-Encoding": "gzip"})
        results["proxy_gzip"] = wrk(url(NGINX_PORT, hot_path), s, headers=gzip_header)

        fetch(APP_PORT, hot_path)
        fetch(BARE_PORT, f"/bare-cached/{cold_id}/")
        paired(
            "django_cache", "bare_cached",
            lambda: wrk(url(APP_PORT, hot_path), s),
            lambda: wrk(url(BARE_PORT, f"/bare-cached/{cold_id}/"), s),
            bare_yardstick=True,
        )  # fmt: skip
        # The yardstick as the issue measured it (660 req/s): a story with few reactions.
        # Counting the hot story's rows at read time is what the tallies avoid.
        paired(
            "uncached", "bare",
            lambda: wrk(url(APP_PORT, hot_path), s, headers=uncached),
            lambda: wrk(url(BARE_PORT, f"/bare/{cold_id}/"), s),
            bare_yardstick=True,
        )  # fmt: skip
        results["bare_hot"] = wrk(url(BARE_PORT, f"/bare/{hot_id}/"), s)
        results["home"] = wrk(url(APP_PORT, "/"), s, headers=uncached)
        section = re.search(r'href="(/section/[^"]+/)"', fetch(APP_PORT, "/")[1].decode())
        results["section"] = wrk(url(APP_PORT, section.group(1)), s, headers=uncached)
        results["search"] = wrk(url(APP_PORT, "/search/?q=" + quote("الساحل")), s,
                                headers=uncached)  # fmt: skip
        weight, js_weight = page_weight(APP_PORT, hot_path)

        script, bare_script = work / "post.lua", work / "bare.lua"
        script.write_text(POST_LUA.format(port=APP_PORT))
        bare_script.write_text(POST_LUA.format(port=BARE_PORT))
        before_rows, _before_tally = manage(
            env, "shell", "--no-imports", "-c", COUNT.format(pk=hot_id)
        ).split()  # fmt: skip
        accepted_runs = []

        def react_run():
            result = wrk(url(APP_PORT, f"/reactions/{hot_id}/"), s, script=str(script))
            accepted_runs.append(result["total"] - result["bad"])
            return result

        paired(
            "react", "bare_post",
            react_run,
            lambda: wrk(url(BARE_PORT, f"/bare/{hot_id}/react/"), s, script=str(bare_script)),
            bare_yardstick=True,
        )  # fmt: skip
        rows, tally = manage(env, "shell", "--no-imports", "-c", COUNT.format(pk=hot_id)).split()
    finally:
        for process in (nginx, app, bare):
            if process:
                process.terminate()
                process.wait(timeout=30)

    cold = gunicorn({**env, "DJANGO_SETTINGS_MODULE": "bench.cold_settings"}, BARE_PORT)
    try:
        wait_for(BARE_PORT, hot_path)
        results["cold"] = wrk(f"http://127.0.0.1:{BARE_PORT}{hot_path}", args.seconds)
    finally:
        cold.terminate()
        cold.wait(timeout=30)

    accepted = sum(accepted_runs)
    new_rows = int(rows) - int(before_rows)
    # wrk stops counting at the deadline; up to one request per connection per run is still
    # in flight.
    exact = int(rows) == int(tally) and accepted <= new_rows <= accepted + 32 * len(accepted_runs)
    lines += [
        "",
        "Yardsticks (the issue's, from its machine: static 64,000; bare view 660, 3,300 from "
        "its per-view cache; bare POST 500-575):",
        line("nginx, the article as a static file", results["static"]),
        line("  the same file at the article's Arabic address", results["static_address"]),
        line("bare Django view (row + grouped count)", results["bare"]),
        line("  the same on the hot story (all its rows counted)", results["bare_hot"]),
        line("  the same from Django's per-view cache", results["bare_cached"]),
        line("bare Django reaction POST (one INSERT)", results["bare_post"]),
        "",
        "The newsroom:",
        line("hot article through the front proxy", results["proxy"], results["static"],
             lambda r: r["ratio"] >= 0.8),
        line("  against the file at the article's address", results["proxy_by_address"],
             results["static_address"]),
        line("  the same, gzipped as browsers ask", results["proxy_gzip"], results["static"]),
        line("hot article from Django's cache", results["django_cache"], results["bare_cached"],
             lambda r: r["rate"] >= 3000),
        line("hot article uncached (story kept, box live)", results["uncached"], results["bare"],
             lambda r: r["ratio"] >= 0.9 and r["p99"] < 100),
        line("  the same with nothing kept (as after an edit)", results["cold"], results["bare"]),
        line("home uncached", results["home"], results["bare"]),
        line("section uncached", results["section"], results["bare"]),
        line("search uncached", results["search"], results["bare"]),
        line("reaction POSTs on the hot story (new readers)", results["react"],
             results["bare_post"], lambda r: r["ratio"] >= 1),
        f"  after the reaction load: {new_rows} new rows for {accepted} accepted POSTs, "
        f"tally {tally} vs {rows} live rows: {'exact' if exact else 'NOT EXACT'}",
        f"article page weight, gzip: {weight / 1024:.1f} KB with CSS and JS "
        f"({'target met' if weight <= 20 * 1024 else 'TARGET MISSED'}), JS {js_weight / 1024:.1f}"
        f" KB ({'target met' if js_weight <= 5 * 1024 else 'TARGET MISSED'})",
    ]  # fmt: skip
    cpu = table([
        ("nginx, the article as a static file", results["static"]["cpu"]),
        ("hot article through the front proxy", results["proxy"]["cpu"]),
        ("bare Django view, per-view cache", results["bare_cached"]["cpu"]),
        ("hot article from Django's cache", results["django_cache"]["cpu"]),
        ("bare Django view", results["bare"]["cpu"]),
        ("hot article uncached", results["uncached"]["cpu"]),
        ("bare Django reaction POST", results["bare_post"]["cpu"]),
        ("reaction POSTs on the hot story", results["react"]["cpu"]),
    ])  # fmt: skip
    if cpu:
        lines += [
            "",
            "Where the CPU went, µs per request (median of the rounds; wrk, nginx, gunicorn, "
            "PostgreSQL and Redis share the cores, so what one part spends the others lose; "
            "other is mostly the kernel's loopback networking):",
            *cpu,
        ]
    report = "\n".join(lines)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "load.txt").write_text(report + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
