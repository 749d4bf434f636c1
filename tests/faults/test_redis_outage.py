"""Redis (page cache and rate limits) going away mid-traffic breaks nothing."""

import shutil
import subprocess
import time

import pytest

from tests.faults.conftest import app_env, free_port, start_app

pytestmark = pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")


def start_redis(port):
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(0.5)
    return process


def test_pages_and_reactions_survive_redis_going_away(database, article_id):
    port = free_port()
    redis = start_redis(port)
    env = {**app_env(database.url), "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    env.update(REACTIONS_RATE_LIMIT_IP="1000/60", REACTIONS_RATE_LIMIT_READER="1000/60")
    app = start_app(env, workers=1)
    try:
        app.request("GET", "/")
        assert app.request("GET", "/")[2].get("X-Page-Cache") == "hit"

        redis.kill()
        redis.wait()
        for _ in range(3):
            status, body, _headers = app.request("GET", "/")
            assert status == 200
            assert "غرفة الأخبار" in body.decode()
        assert app.react(article_id, "like")[0] == 200  # rate limits fail open

        redis = start_redis(port)
        app.request("GET", "/")
        assert app.request("GET", "/")[2].get("X-Page-Cache") == "hit"
    finally:
        app.process.terminate()
        app.process.wait(timeout=30)
        redis.kill()
