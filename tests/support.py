"""Helpers shared by the test packages that drive Chromium or a live server."""

import importlib
import os
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest

# Debian's Chromium, started the way this workplace's closed network needs.
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# The rows the data migrations write (roles, reaction kinds), which a live server's table
# flush removes; rebuilt with the migrations' own functions.
SEEDS = [
    ("articles.migrations.0002_roles", "create_roles"),
    ("reactions.migrations.0002_seed_kinds", "seed_kinds"),
    ("reactions.migrations.0003_roles", "grant"),
]


def seed_migration_rows() -> None:
    state_apps = _migrated_apps()
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(state_apps, None)


@cache
def _migrated_apps():
    """The models as the migrations left them: built once (a tenth of a second each time,
    and the rows are put back before every live-server test)."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    return MigrationLoader(connection).project_state().apps


@contextmanager
def launched_chromium():
    """Debian's Chromium under Playwright's sync API, for one test module.

    A missing browser fails the tests (``make test`` installs it), never skips them.
    """
    from playwright.sync_api import expect, sync_playwright

    # `make test` runs two workers, each with its Chromium, on two cores: a page can take
    # longer than expect()'s default five seconds to answer, as long as actions may (15 s).
    expect.set_options(timeout=15_000)
    if not CHROMIUM.exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: `make test` installs Debian's chromium")
    # Playwright keeps an event loop in this thread; the tests' ORM calls are sync.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous
