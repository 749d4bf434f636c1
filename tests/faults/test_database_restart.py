"""PostgreSQL restarted under traffic: fast Arabic 503s, nothing half-written, self-recovery."""

import time

from tests.faults.conftest import app_env, count_rows_and_tallies, start_app


def test_database_restart_gives_503_then_recovers_by_itself(database, article_id):
    app = start_app(app_env(database.url), workers=2)
    uncached = {"Cookie": "sessionid=none"}  # bypass the page cache: really ask the database
    article = f"/news/{article_id}/"
    try:
        assert app.request("GET", article, headers=uncached)[0] == 301
        assert app.react(article_id, "love")[0] == 200
        rows_before, _ = count_rows_and_tallies(database, article_id)

        database.stop()
        try:
            started = time.monotonic()
            status, body, headers = app.request("GET", "/", headers=uncached)
            assert status == 503
            assert "الخدمة غير متاحة مؤقتًا" in body.decode()
            assert headers["Retry-After"]
            status, body, _h = app.react(article_id, "haha")
            assert status == 503
            assert body["message"] and body["message_en"]
            assert time.monotonic() - started < 10, "requests must fail fast, not hang"
        finally:
            database.start()

        # No restart of the app: its workers reconnect on their own.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if app.request("GET", "/", headers=uncached)[0] == 200:
                break
            time.sleep(0.5)
        assert app.request("GET", "/", headers=uncached)[0] == 200
        assert app.react(article_id, "wow")[0] == 200
        rows, tallies = count_rows_and_tallies(database, article_id)
        assert rows == rows_before + 1  # the refused tap left nothing behind
        assert tallies == rows
    finally:
        app.process.terminate()
        app.process.wait(timeout=30)
