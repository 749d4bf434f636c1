"""The dashboard's chart of reactions over time, as the server draws it: what its axes say
(days in the reader's language and digits, a scale of round values, what a bar counts),
which way time runs, and the same numbers as a table."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from reactions import charts
from reactions.models import Reaction
from reactions.services import react, void_reactions
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

WEEK = {"start": "2026-03-01", "end": "2026-03-07"}  # Sunday to Saturday


def dashboard_url(language: str = "ar") -> str:
    with translation.override(language):
        return reverse("admin:reactions_dashboard")


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in March 2026 on the newsroom's clock (Asia/Riyadh)."""
    return timezone.make_aware(datetime(2026, 3, day, hour, minute))


@pytest.fixture
def week(kinds, moderator):
    """3 reactions on Sunday 1 March, 26 on Wednesday 4 March (the last a minute before
    midnight, Riyadh time), and one on Saturday that a moderator voided."""
    article = ArticleFactory(title="خبر الأسبوع")

    def reactions(prefix: str, n: int, when: datetime) -> None:
        for i in range(n):
            react(article=article, reader_key=f"{prefix}{i}", kind=kinds["like"])
        Reaction.objects.filter(reader_key__startswith=prefix).update(created_at=when)

    reactions("sun", 3, at(1, 10))
    reactions("wed", 25, at(4, 15, 30))
    reactions("late", 1, at(4, 23, 59))
    reactions("void", 1, at(7, 12))
    void_reactions(moderator=moderator, reason="اختبار", scope="reader", target="void0")
    return article


def chart_of(html: str) -> dict:
    """What the chart shows: its caption, values, time marks, bars and table."""
    plot = ET.fromstring(re.search(r'<svg class="rx-plot".*?</svg>', html, re.S).group())
    scale = ET.fromstring(re.search(r'<svg class="rx-scale".*?</svg>', html, re.S).group())
    table = re.search(r'<details class="rx-chart-data">.*?</details>', html, re.S).group()
    marks = [
        {
            "x": float(text.get("x").rstrip("%")),
            "text": text.text,
            "context": next(
                (t.text for t in group.iter("text") if t.get("class") == "rx-date-context"), ""
            ),
            "minor": group.get("class") == "rx-minor",
        }
        for group in plot.iter("g")
        for text in group.iter("text")
        if text.get("class") == "rx-date"
    ]
    bars = [
        (float(rect.get("x").rstrip("%")), rect.find("title").text) for rect in plot.iter("rect")
    ]
    return {
        "caption": re.search(r"<figcaption>(.*?)</figcaption>", html, re.S).group(1),
        "axis": re.search(r'<span class="rx-axis-title"[^>]*>(.*?)</span>', html).group(1),
        "summary": plot.find("desc").text,
        # Bottom to top.
        "values": [t.text for t in sorted(scale.iter("text"), key=lambda t: -float(t.get("y")))],
        "marks": marks,
        "bars": bars,
        "rows": re.findall(r'<tr><td>(.*?)</td><td class="rx-num">(.*?)</td></tr>', table),
    }


def test_arabic_chart_names_the_days_and_runs_from_right_to_left(client, moderator, week):
    client.force_login(moderator)
    chart = chart_of(client.get(dashboard_url(), WEEK).content.decode())
    assert chart["caption"] == (
        "يمثّل كل عمود عدد تفاعلات القرّاء في يوم واحد بتوقيت الرياض، ولا تُحتسب التفاعلات الملغاة."
    )
    assert chart["axis"] == "عدد التفاعلات"
    assert chart["values"] == ["0", "10", "20", "30"]  # round steps above the peak of 26
    marks = chart["marks"]
    assert [m["text"] for m in marks] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [m["context"] for m in marks] == ["مارس", "", "", "", "", "", ""]
    # The first day at the right, where an Arabic reader starts; each mark under its bar.
    xs = [m["x"] for m in marks]
    assert xs == sorted(xs, reverse=True)
    assert xs[0] == pytest.approx(100 - 100 / 14, abs=0.01)
    assert chart["bars"][0][1] == "الأحد 1 مارس 2026: 3"
    assert chart["bars"][0][0] > chart["bars"][-1][0]
    assert chart["bars"][3][1] == "الأربعاء 4 مارس 2026: 26"  # 23:59 in Riyadh is the 4th
    assert chart["summary"] == (
        "أعلى الأعمدة: الأربعاء 4 مارس 2026 (26). الأرقام كاملةً في الجدول الذي يلي الرسم."
    )
    # The table for screen readers (and anyone who wants the figures): voided not counted.
    assert len(chart["rows"]) == 7
    assert chart["rows"][0] == ("الأحد 1 مارس 2026", "3")
    assert chart["rows"][3] == ("الأربعاء 4 مارس 2026", "26")
    assert chart["rows"][6] == ("السبت 7 مارس 2026", "0")


def test_english_chart_runs_from_left_to_right_in_english(client, moderator, week):
    client.force_login(moderator)
    html = client.get(dashboard_url("en"), WEEK).content.decode()
    chart = chart_of(html)
    assert chart["caption"] == (
        "Each bar is the number of readers' reactions in one day, Riyadh time; "
        "voided reactions are not counted."
    )
    assert chart["axis"] == "Number of reactions"
    assert chart["values"] == ["0", "10", "20", "30"]
    marks = chart["marks"]
    assert [(m["text"], m["context"]) for m in marks][:2] == [("1", "Mar"), ("2", "")]
    xs = [m["x"] for m in marks]
    assert xs == sorted(xs)
    assert xs[0] == pytest.approx(100 / 14, abs=0.01)
    assert chart["rows"][3] == ("Wednesday 4 March 2026", "26")
    assert "29 reactions from 1 March 2026 to 7 March 2026" in html
    # An Arabic title on the English page keeps its own direction.
    assert 'lang="ar" dir="auto">خبر الأسبوع</a>' in html


def test_chart_and_counts_follow_the_eastern_digits_setting(client, moderator, week, settings):
    settings.NEWSROOM_EASTERN_ARABIC_DIGITS = True
    client.force_login(moderator)
    html = client.get(dashboard_url(), WEEK).content.decode()
    chart = chart_of(html)
    assert chart["values"] == ["٠", "١٠", "٢٠", "٣٠"]
    assert [m["text"] for m in chart["marks"]] == ["١", "٢", "٣", "٤", "٥", "٦", "٧"]
    assert chart["rows"][3] == ("الأربعاء ٤ مارس ٢٠٢٦", "٢٦")
    assert "٢٩ تفاعلًا من ١ مارس ٢٠٢٦ إلى ٧ مارس ٢٠٢٦" in html
    assert '<td class="rx-num"><strong>٢٩</strong></td>' in html  # the story's total
    # English pages keep Western digits.
    english = chart_of(client.get(dashboard_url("en"), WEEK).content.decode())
    assert english["values"] == ["0", "10", "20", "30"]


def test_one_day_is_drawn_by_the_hour_with_fewer_marks_for_a_phone(client, moderator, week):
    client.force_login(moderator)
    chart = chart_of(
        client.get(dashboard_url(), {"start": "2026-03-04", "end": "2026-03-04"}).content.decode()
    )
    assert "في ساعة واحدة" in chart["caption"]
    assert len(chart["bars"]) == 24
    assert chart["bars"][15][1] == "4 مارس 2026، 15:00: 25"
    marks = chart["marks"]
    assert [m["text"] for m in marks] == [f"{h:02d}:00" for h in range(0, 24, 3)]
    assert [m["context"] for m in marks] == ["4 مارس"] + [""] * 7
    # A phone keeps every sixth hour: 00:00, 06:00, 12:00, 18:00.
    assert [m["text"] for m in marks if not m["minor"]] == ["00:00", "06:00", "12:00", "18:00"]
    assert chart["values"] == ["0", "10", "20", "30"]


def test_a_year_is_marked_by_months_with_the_year_where_it_changes(client, moderator, week):
    client.force_login(moderator)
    chart = chart_of(
        client.get(dashboard_url(), {"start": "2025-03-08", "end": "2026-03-07"}).content.decode()
    )
    marks = [(m["text"], m["context"], m["minor"]) for m in chart["marks"]]
    # Every other month; 1 March 2026, on the last bars, is left to its bar.
    assert marks == [
        ("مايو", "2025", False),
        ("يوليو", "", False),
        ("سبتمبر", "", True),
        ("نوفمبر", "", True),
        ("يناير", "2026", False),
    ]


@pytest.mark.parametrize(
    ("peak", "values"),
    [
        (0, [0, 1]),
        (3, [0, 1, 2, 3]),
        (26, [0, 10, 20, 30]),
        (2450, [0, 1000, 2000, 3000]),
        (100, [0, 50, 100]),
    ],
)
def test_scale_has_a_few_round_values(peak, values):
    assert charts.scale(peak) == values


def test_scale_values_are_grouped_in_the_pages_digits():
    start = at(1, 0)
    points = [(start + timedelta(days=i), n) for i, n in enumerate([10, 2450])]
    with translation.override("ar"):
        western = charts.bar_chart(points, unit="day", rtl=True, numbering="latn")
        eastern = charts.bar_chart(points, unit="day", rtl=True, numbering="arab")
    assert [tick.shown for tick in western.ticks] == ["0", "1,000", "2,000", "3,000"]
    assert [tick.shown for tick in eastern.ticks] == ["٠", "١٬٠٠٠", "٢٬٠٠٠", "٣٬٠٠٠"]
    assert eastern.bars[1].when == "الاثنين ٢ مارس ٢٠٢٦"
