"""Bar charts drawn on the server as SVG: no script, nothing to download, CSP-safe."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

WIDTH, HEIGHT = 760, 240
PAD_START, PAD_END, PAD_TOP, PAD_BOTTOM = 44, 8, 12, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    moment: datetime
    count: int


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass(frozen=True)
class Label:
    x: float
    moment: datetime


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[Label]
    baseline: float
    plot_start: int
    plot_end: int


def _nice_max(value: int) -> int:
    """A round top for the axis: 1, 2, 5 × 10^n."""
    if value <= 5:
        return 5
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def bar_chart(points: list[tuple[datetime, int]], max_labels: int = 8) -> Chart:
    plot_width = WIDTH - PAD_START - PAD_END
    plot_height = HEIGHT - PAD_TOP - PAD_BOTTOM
    top = _nice_max(max((count for _, count in points), default=0))
    slot = plot_width / max(len(points), 1)
    gap = min(2.0, slot * 0.2)
    bars = [
        Bar(
            x=round(PAD_START + i * slot + gap / 2, 2),
            y=round(PAD_TOP + plot_height * (1 - count / top), 2),
            width=round(max(slot - gap, 0.5), 2),
            height=round(plot_height * count / top, 2),
            moment=moment,
            count=count,
        )
        for i, (moment, count) in enumerate(points)
    ]
    ticks = [
        Tick(y=round(PAD_TOP + plot_height * (1 - i / 4), 2), value=top * i // 4) for i in range(5)
    ]
    every = max(1, -(-len(points) // max_labels))
    labels = [
        Label(x=round(PAD_START + (i + 0.5) * slot, 2), moment=moment)
        for i, (moment, _) in enumerate(points)
        if i % every == 0
    ]
    return Chart(
        WIDTH, HEIGHT, bars, ticks, labels, PAD_TOP + plot_height, PAD_START, WIDTH - PAD_END
    )
