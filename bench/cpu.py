"""Where the machine's CPU goes while a load runs, per request and per part.

A rate alone says how fast, not why: wrk, nginx, gunicorn, PostgreSQL and Redis share the
same two cores, so a part that costs more slows every other. ``CpuMeter`` reads each
process's CPU time from /proc before and after a run and charges it to its part:

- the app server: a gunicorn master named when the meter is made, and its workers;
- nginx, PostgreSQL and Redis: by process name (the whole server, background work too);
- wrk: this process's waited-for children (wrk is the only one running during a load);
- other: the rest of the machine's busy time, mostly the kernel's loopback network work
  that no process is charged for, and whatever else was running.

Linux only (/proc); elsewhere ``CpuMeter.available`` is False and nothing is measured.
"""

from __future__ import annotations

import os
import resource
import statistics
from collections import defaultdict
from pathlib import Path

PARTS = ("app server", "PostgreSQL", "Redis", "nginx", "wrk", "other")
TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
PROC = Path("/proc")
NAMES = {"nginx": "nginx", "postgres": "PostgreSQL", "redis-server": "Redis"}


class CpuMeter:
    def __init__(self, app_server_pid: int):
        self.app_server_pid = app_server_pid
        self.available = (PROC / "stat").exists()

    def _part(self, pid: int, ppid: int, name: str) -> str | None:
        if self.app_server_pid in (pid, ppid):
            return "app server"
        return NAMES.get(name)

    def sample(self) -> dict[str, float]:
        """CPU seconds used so far by each part, and by the whole machine ("busy")."""
        seconds: dict[str, float] = defaultdict(float)
        for entry in os.scandir(PROC):
            if not entry.name.isdigit():
                continue
            try:
                stat = (PROC / entry.name / "stat").read_text()
            except OSError:  # the process ended meanwhile
                continue
            name = stat[stat.index("(") + 1 : stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2 :].split()
            part = self._part(int(entry.name), int(fields[1]), name)
            if part:
                seconds[part] += (int(fields[11]) + int(fields[12])) / TICK
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds["wrk"] = children.ru_utime + children.ru_stime
        # user nice system idle iowait irq softirq steal: busy is all but idle, iowait, steal.
        ticks = [int(value) for value in (PROC / "stat").read_text().split()[1:9]]
        seconds["busy"] = (sum(ticks) - ticks[3] - ticks[4] - ticks[7]) / TICK
        return seconds

    def measure(self, load):
        """Run ``load()`` (a wrk run's result) and add ``cpu``: µs per request per part."""
        if not self.available:
            return load()
        before = self.sample()
        result = load()
        after = self.sample()
        requests = max(result["total"], 1)
        used = {part: after[part] - before[part] for part in (*PARTS[:-1], "busy")}
        used["other"] = max(used["busy"] - sum(used[part] for part in PARTS[:-1]), 0.0)
        result["cpu"] = {part: used[part] / requests * 1e6 for part in (*PARTS, "busy")}
        return result


def median_cpu(runs: list[dict]) -> dict[str, float] | None:
    """Each part's median over the runs that were measured."""
    measured = [run["cpu"] for run in runs if "cpu" in run]
    if not measured:
        return None
    return {part: statistics.median(cpu[part] for cpu in measured) for part in measured[0]}


def table(rows: list[tuple[str, dict | None]]) -> list[str]:
    """Lines of a table: one row per load, µs of CPU per request in each part."""
    rows = [(name, cpu) for name, cpu in rows if cpu]
    if not rows:
        return []
    head = f"{'':<44}" + "".join(f"{part:>12}" for part in PARTS) + f"{'machine':>10}"
    lines = [head]
    for name, cpu in rows:
        lines.append(
            f"{name:<44}"
            + "".join(f"{_figure(cpu[part]):>12}" for part in PARTS)
            + f"{_figure(cpu['busy']):>10}"
        )
    return lines


def _figure(microseconds: float) -> str:
    return f"{microseconds:.1f}" if microseconds < 100 else f"{microseconds:.0f}"
