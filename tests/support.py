"""Helpers shared by the test packages that drive Chromium or a live server."""

import importlib
import os
from pathlib import Path

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
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    state_apps = MigrationLoader(connection).project_state().apps
    for module, function in SEEDS:
        getattr(importlib.import_module(module), function)(state_apps, None)
