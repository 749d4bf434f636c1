"""Bar charts of counts over time, drawn on the server as SVG: no script, nothing to
download, CSP-safe.

Across, positions are percentages of the plot's width; down, pixels. The chart fills its
box at any width while its text keeps the page's size: a viewBox scaled to a phone's width
shrank the labels to 5px. In a right-to-left language time runs from right to left, as the
page reads and as the period form above the chart puts «من» before «إلى»: the first day is
on the right, where an Arabic reader starts, and the scale stands on that side too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from django.utils.formats import date_format

from articles.arabic import with_digits
from reactions.box import format_count

HEIGHT = 220  # px, the plot and its date labels
PAD_TOP = 10  # room for the top value's label, centred on its line
BASELINE = HEIGHT - 38  # below it: a tick mark and two lines of date labels
TICK_GAP = 6  # px between a value and the plot
END_MARGIN = 4.0  # percent: no label starts this close to the far end, it would stick out


@dataclass(frozen=True)
class Bar:
    x: float  # percent of the plot's width, from its left edge
    width: float  # percent
    y: float  # px
    height: float  # px
    moment: datetime
    count: int
    when: str  # the moment written out in full, for the tooltip and the table
    shown: str  # the count in the page's digits


@dataclass(frozen=True)
class Tick:
    y: float
    value: int
    shown: str


@dataclass(frozen=True)
class Label:
    """A mark on the time axis: ``text`` under it, and ``context`` (the month, the day)
    on a second line where it changes."""

    x: float  # percent
    text: str
    anchor: str  # "start", "middle" or "end" in the page's direction
    context: str = ""
    context_x: float = 0.0
    context_anchor: str = "middle"
    minor: bool = False  # left out where the chart is narrow (a phone)


@dataclass(frozen=True)
class Chart:
    unit: str
    height: int
    baseline: float
    top: int
    bars: list[Bar]
    ticks: list[Tick]
    labels: list[Label]
    scale_width: int  # px, the column holding the values
    peak: Bar | None  # the highest bar, for the summary


def scale(peak: int, intervals: int = 4) -> list[int]:
    """Round values from 0 to at least ``peak``: steps of 1, 2 or 5 × 10ⁿ, at most
    ``intervals`` of them (0, 1,000, 2,000, 3,000 for a peak of 2,450)."""
    raw = max(peak, 1) / intervals
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    top = max(step, -(-peak // step) * step)
    return list(range(0, top + 1, step))


def bar_chart(points: list[tuple[datetime, int]], *, unit: str, rtl: bool, numbering: str) -> Chart:
    """``points``: (start of the hour or day, count), in order and in the site's time zone."""
    plot_height = BASELINE - PAD_TOP
    values = scale(max((count for _, count in points), default=0))
    top = values[-1]
    slot = 100 / max(len(points), 1)
    gap = min(slot * 0.2, 0.4)
    long_form = "DATETIME_FORMAT" if unit == "hour" else "l j F Y"
    bars = []
    for i, (moment, count) in enumerate(points):
        height = round(plot_height * count / top, 2)
        x = i * slot + gap / 2
        width = slot - gap
        bars.append(
            Bar(
                x=round(100 - x - width if rtl else x, 3),
                width=round(width, 3),
                y=round(BASELINE - height, 2),
                height=height,
                moment=moment,
                count=count,
                when=with_digits(date_format(moment, long_form), numbering),
                shown=format_count(count, numbering),
            )
        )
    ticks = [
        Tick(
            y=round(BASELINE - plot_height * value / top, 2),
            value=value,
            shown=format_count(value, numbering),
        )
        for value in values
    ]
    return Chart(
        unit=unit,
        height=HEIGHT,
        baseline=BASELINE,
        top=top,
        bars=bars,
        ticks=ticks,
        labels=_time_labels(points, unit=unit, rtl=rtl, numbering=numbering),
        scale_width=TICK_GAP + 8 + 7 * max(len(tick.shown) for tick in ticks),
        peak=max(bars, key=lambda bar: bar.count) if any(b.count for b in bars) else None,
    )


def _time_labels(
    points: list[tuple[datetime, int]], *, unit: str, rtl: bool, numbering: str
) -> list[Label]:
    """A few marks along the time axis, each day, hour or month named once.

    Days are spans: a short period's labels stand under their bars. Hours and months are
    marked where they begin (a bar's edge). The second line says the month (or, for
    hours, the day; for months, the year) under the first mark and wherever it changes.
    """
    n = len(points)
    slot = 100 / max(n, 1)
    years = {moment.year for moment, _ in points}
    # Each kind of mark at two densities: the wide chart's, and a phone's (fewer, wider apart).
    if unit == "hour":
        steps = (1, 2, 3, 4, 6, 12, 24)
        every = _first_fitting(steps, n, 8)
        narrow = _first_fitting(_multiples(steps, every), n, 4)
        chosen = [i for i, (m, _) in enumerate(points) if m.hour % every == 0]
        kept = {i for i, (m, _) in enumerate(points) if m.hour % narrow == 0}
        text_format, context_format, centred = "H:i", "j M", False
    elif n <= 62:
        every = _first_fitting((1, 2, 7, 14), n, 8)
        chosen = list(range(0, n, every))
        kept = set(chosen)  # a day's number is narrow enough for a phone
        text_format, centred = "j", True
        context_format = "M Y" if len(years) > 1 else "M"
    else:
        months = -(-n // 30)
        steps = (1, 2, 3, 6)
        every = _first_fitting(steps, months, 7)
        narrow = _first_fitting(_multiples(steps, every), months, 5)
        starts = [(i, m.month - 1) for i, (m, _) in enumerate(points) if m.day == 1]
        chosen = [i for i, month in starts if month % every == 0]
        kept = {i for i, month in starts if month % narrow == 0}
        text_format, context_format, centred = "M", "Y", False
    labels, previous_context = [], None
    for i in chosen:
        moment = points[i][0]
        start = i * slot
        x = start + slot / 2 if centred else start
        if not centred and x > 100 - END_MARGIN and labels:
            continue  # a month or hour that begins at the very end: its bar says it
        anchor = "start" if not centred and i == 0 else "middle"
        context = date_format(moment, context_format)
        shown_context = context if context != previous_context else ""
        previous_context = context
        if i == 0:  # wider than its bar: begins at the axis's start, never beyond it
            context_x, context_anchor = start, "start"
        elif centred and i == n - 1:
            context_x, context_anchor = 100.0, "end"
        else:
            context_x, context_anchor = x, anchor
        labels.append(
            Label(
                x=round(100 - x if rtl else x, 3),
                text=with_digits(date_format(moment, text_format), numbering),
                anchor=anchor,
                context=with_digits(shown_context, numbering),
                context_x=round(100 - context_x if rtl else context_x, 3),
                context_anchor=context_anchor,
                minor=i not in kept and not shown_context,
            )
        )
    return labels


def _multiples(steps: tuple[int, ...], step: int) -> tuple[int, ...]:
    """The ``steps`` that mark a subset of ``step``'s marks: a phone's fewer are among them."""
    return tuple(s for s in steps if s % step == 0)


def _first_fitting(steps: tuple[int, ...], count: int, most: int) -> int:
    """The first of ``steps`` that marks at most ``most`` of ``count`` slots."""
    return next((step for step in steps if -(-count // step) <= most), steps[-1])
