"""Admin logins: locked for 15 minutes after 5 failures per username and address."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.handlers.proxy import AxesProxyHandler
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "pw-for-tests-only"
ROOT = Path(__file__).resolve().parents[2]


def attempt(client, username, password, *, address="203.0.113.7"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def logged_in(client) -> bool:
    return client.get("/admin/").status_code == 200


def fail(client, username, times, **kwargs):
    return [attempt(client, username, "wrong-password", **kwargs) for _ in range(times)]


def test_five_failures_lock_the_account_even_for_the_right_password(client, editor):
    responses = fail(client, "editor", 4)
    assert all(r.status_code == 200 for r in responses)  # the login form, with its error
    fifth = attempt(client, "editor", "wrong-password")
    assert fifth.status_code == 429
    page = fifth.content.decode()
    assert "أُوقف تسجيل الدخول مؤقتًا" in page
    assert "15" in page and 'dir="rtl"' in page
    assert fifth["Retry-After"] == str(15 * 60)

    right = attempt(client, "editor", PASSWORD)
    assert right.status_code == 429
    assert not logged_in(client)


def test_lockout_is_per_username_and_address(client, editor, reporter):
    fail(client, "editor", 5)
    assert attempt(client, "editor", PASSWORD).status_code == 429
    # The same account from another address, and another account from this one, still work.
    other_address = Client()
    assert attempt(other_address, "editor", PASSWORD, address="198.51.100.4").status_code == 302
    assert logged_in(other_address)
    other_account = Client()
    assert attempt(other_account, "reporter", PASSWORD).status_code == 302


def test_lockout_ends_after_fifteen_minutes(client, editor, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    fail(client, "editor", 5)
    time_machine.shift(timedelta(minutes=14))
    assert attempt(client, "editor", PASSWORD).status_code == 429
    # Trying during the lockout started the fifteen minutes afresh: 16 minutes after the
    # last failure but only 2 after that attempt, still locked.
    time_machine.shift(timedelta(minutes=2))
    assert attempt(client, "editor", PASSWORD).status_code == 429
    time_machine.shift(timedelta(minutes=15, seconds=1))
    assert attempt(client, "editor", PASSWORD).status_code == 302
    assert logged_in(client)


def test_a_successful_login_resets_the_count(client, editor):
    fail(client, "editor", 4)
    assert attempt(client, "editor", PASSWORD).status_code == 302
    client.logout()
    responses = fail(client, "editor", 4)
    assert all(r.status_code == 200 for r in responses)
    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_unknown_usernames_are_throttled_too(client):
    responses = fail(client, "nobody-here", 5)
    assert responses[-1].status_code == 429


def test_a_cache_outage_lets_editors_log_in(client, editor, settings):
    settings.CACHES = {
        **settings.CACHES,
        "down": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    handler = AxesProxyHandler.get_implementation()
    working = handler.cache
    handler.cache = caches["down"]
    try:
        fail(client, "editor", 6)
        assert attempt(client, "editor", PASSWORD).status_code == 302
    finally:
        handler.cache = working


def test_limits_are_read_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.AXES_FAILURE_LIMIT, settings.AXES_COOLOFF_TIME.total_seconds())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "newsroom.settings",
            "AXES_FAILURE_LIMIT": "3",
            "AXES_COOLOFF_MINUTES": "60",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["3", "3600.0"], result.stderr
