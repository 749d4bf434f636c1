"""The «ما هو رد فعلك؟» box: what it shows, rendered on its own or inside the article page.

It shows the current counts from the tallies (never an aggregate over reactions) and
nothing about the reader, so every reader gets the same box; the script fetches the
reader's own choice from the endpoint.

Everything in the box but its numbers changes only when an editor acts (the article's
settings, the kinds on offer). So the article view renders the box once with slots where
the numbers go (``BoxSkeleton``), keeps that with the story, and per request only reads
the tallies and writes the numbers in: no template render on the hot path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from articles.arabic import numbering_system, with_digits
from reactions.services import active_counts, tallies

TEMPLATE = "reactions/box.html"
# Marks a slot in the rendered box. No text can carry it: PostgreSQL refuses NUL in text
# columns, and the template has none.
SLOT = "\x00"


def format_count(value: int, system: str | None = None) -> str:
    """Group and write digits as Intl.NumberFormat does for the page (see <html
    data-numbering>), so the script's later update does not change the figure's shape.
    ``system``: the page's numbering system, when already known."""
    if system is None:
        system = numbering_system(get_language(), settings.NEWSROOM_EASTERN_ARABIC_DIGITS)
    grouped = f"{int(value):,}"
    if system == "arab":
        grouped = grouped.replace(",", "٬")  # the Arabic thousands separator
    return with_digits(grouped, system)


@dataclass(frozen=True)
class ShownKind:
    """A kind as the box shows it: its label in the current language and its count,
    as a number for the script (``count``) and written out for the reader (``shown``)."""

    slug: str
    emoji: str
    display_label: str
    count: int | str
    shown: str


@dataclass(frozen=True)
class BoxSkeleton:
    """The box rendered with a slot for each number, kept with the rendered story.

    ``parts`` alternates literal HTML and slot names: ``n<key>`` for a number as digits
    (``data-count``), ``s<key>`` for the same number written for the reader, where the
    key is a kind's id or ``total``.
    """

    parts: tuple[str, ...]
    kind_ids: tuple[int, ...]

    def fill(self, counts: dict[int, int]) -> str:
        """The box with ``counts`` (kind id → count; kinds not in it count 0)."""
        numbers = tuple(counts.get(kind_id, 0) for kind_id in self.kind_ids)
        system = numbering_system(get_language(), settings.NEWSROOM_EASTERN_ARABIC_DIGITS)
        return _filled(self, numbers, system)


# A story read far more often than it is reacted to shows the same counts many times over.
@lru_cache(maxsize=256)
def _filled(skeleton: BoxSkeleton, numbers: tuple[int, ...], system: str) -> str:
    by_slot = dict(zip(map(str, skeleton.kind_ids), numbers, strict=True))
    by_slot["total"] = sum(numbers)
    html = list(skeleton.parts)
    for i in range(1, len(html), 2):
        slot = html[i]
        number = by_slot[slot[1:]]
        html[i] = str(number) if slot[0] == "n" else format_count(number, system)
    return "".join(html)


def _slot(name: str) -> str:
    return f"{SLOT}{name}{SLOT}"


def _frame(*, article_id: int, url: str, closed: bool, preview: bool) -> dict:
    return {
        "endpoint": reverse("reactions:react", args=[article_id]),
        "next_url": url,
        "closed": closed,
        # In the admin's preview the article may be unpublished: show the box, but inert.
        "readonly": preview or closed,
        "preview": preview,
    }


def box_context(*, article_id: int, url: str, closed: bool, preview: bool = False) -> dict:
    """What the box template needs, with the kinds and their counts read in one query."""
    language = get_language()
    kinds = [
        ShownKind(k.slug, k.emoji, k.label(language), k.count, format_count(k.count))
        for k in active_counts(article_id)
    ]
    total = sum(kind.count for kind in kinds)
    return {
        **_frame(article_id=article_id, url=url, closed=closed, preview=preview),
        "kinds": kinds,
        "total": total,
        "total_shown": format_count(total),
    }


def box_skeleton(*, article_id: int, url: str, closed: bool) -> tuple[BoxSkeleton, dict[int, int]]:
    """The box with slots for its numbers, and the counts it would show now (kind id →
    count): one query and one template render."""
    language = get_language()
    kinds = active_counts(article_id)
    context = {
        **_frame(article_id=article_id, url=url, closed=closed, preview=False),
        "kinds": [
            ShownKind(k.slug, k.emoji, k.label(language), _slot(f"n{k.pk}"), _slot(f"s{k.pk}"))
            for k in kinds
        ],
        "total": _slot("ntotal"),
        "total_shown": _slot("stotal"),
    }
    parts = tuple(render_to_string(TEMPLATE, context).split(SLOT))
    skeleton = BoxSkeleton(parts=parts, kind_ids=tuple(k.pk for k in kinds))
    return skeleton, {k.pk: k.count for k in kinds}


# The article page's live box, as articles.views.ArticleDetailView keeps and fills it
# (settings.NEWSROOM_ARTICLE_BOX names this module: articles never imports reactions).


def keep(*, article_id: int, url: str, closed: bool) -> tuple[BoxSkeleton, str]:
    """What to keep with the rendered story, and the box's HTML for this request."""
    skeleton, counts = box_skeleton(article_id=article_id, url=url, closed=closed)
    return skeleton, skeleton.fill(counts)


def fill(kept: BoxSkeleton, article_id: int) -> str:
    """The box's HTML from what ``keep`` returned, with the counts as they are now."""
    return kept.fill(tallies(article_id))
