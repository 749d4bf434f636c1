"""Without DATABASE_URL the project runs its own PostgreSQL: reused, never left running."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE IF NOT EXISTS kept (n int)")
    cursor.execute("INSERT INTO kept VALUES (1)")
    cursor.execute("SELECT count(*), current_setting('server_version_num') FROM kept")
    print(*cursor.fetchone())
"""


def project_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(NEWSROOM_VAR_DIR=str(var_dir), DEBUG="1")
    return env


def manage_shell(var_dir: Path) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SCRIPT],
        cwd=ROOT, env=project_env(var_dir), capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def servers_for(data_dir: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["name", "cmdline"]):
        cmdline = process.info["cmdline"] or []
        if process.info["name"] == "postgres" and str(data_dir) in " ".join(cmdline):
            found.append(process)
    return found


def test_embedded_server_keeps_data_under_var_and_stops_with_the_last_process(tmp_path):
    var_dir = tmp_path / "var"
    rows, version = manage_shell(var_dir).split()
    assert rows == "1"
    assert int(version) >= 140000
    assert (var_dir / "postgres" / "PG_VERSION").exists()

    deadline = time.monotonic() + 10
    while servers_for(var_dir / "postgres") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not servers_for(var_dir / "postgres"), "the server outlived its last user"

    # A second run starts the same cluster again and finds the first run's data.
    assert manage_shell(var_dir).split()[0] == "2"


WAITING = """
import sys, time
from django.db import connection
connection.ensure_connection()
print("ready", flush=True)
time.sleep(60)
"""


@contextmanager
def user_of_the_server(var_dir: Path) -> Iterator[subprocess.Popen]:
    """A manage.py command connected to the embedded server, waiting; killed at the end."""
    command = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", WAITING],
        cwd=ROOT, env=project_env(var_dir), stdout=subprocess.PIPE, text=True,
        # As started from a terminal, even when the tests run under nohup (which leaves
        # SIGHUP ignored, and the command rightly keeps it so).
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL),
    )  # fmt: skip
    try:
        assert command.stdout.readline().strip() == "ready"
        assert servers_for(var_dir / "postgres")
        yield command
    finally:
        command.kill()


def assert_stops(var_dir: Path, seconds: float, why: str) -> None:
    # The server's own shutdown (a checkpoint, then each process exiting) can take several
    # seconds on a machine busy with the rest of the suite: more time, the same question.
    deadline = time.monotonic() + seconds * 3
    while servers_for(var_dir / "postgres") and time.monotonic() < deadline:
        time.sleep(0.2)
    left = servers_for(var_dir / "postgres")
    for server in left:
        server.terminate()  # not left behind by a failing test either
    assert not left, why


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["killed", "hung-up"])
def test_a_killed_command_stops_its_server_too(tmp_path, signum):
    """`kill` (or a closed terminal) ends `make run` as Ctrl-C does: no server left behind."""
    with user_of_the_server(tmp_path / "var") as command:
        command.send_signal(signum)
        assert command.wait(timeout=30) == 128 + signum
    assert_stops(tmp_path / "var", 10, "the server outlived the killed command")


def test_a_process_that_died_holding_the_server_does_not_keep_it_running(tmp_path):
    """A user killed outright (SIGKILL, a crash) leaves its handle behind; the server
    still stops with its last live user."""
    var_dir = tmp_path / "var"
    manage_shell(var_dir)  # creates the cluster
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (var_dir / "postgres" / ".handle_pids.json").write_text(f"[{dead.pid}]")

    assert manage_shell(var_dir).split()[0] == "2"
    assert_stops(var_dir, 10, "a dead process's handle kept the server running")


def test_a_user_killed_outright_does_not_leave_the_server_running(tmp_path):
    """SIGKILL, a crash, or runserver's reloader killing its child: no exit handler runs,
    and the watcher stops the server once no user is left alive."""
    with user_of_the_server(tmp_path / "var") as command:
        time.sleep(2)  # the watcher's rounds see a live user: the server stays up
        assert servers_for(tmp_path / "var" / "postgres")
        command.kill()
        command.wait(timeout=30)
    assert_stops(tmp_path / "var", 15, "the server outlived a user killed outright")
