"""The «ما هو رد فعلك؟» box: what it shows, rendered on its own or inside the article page.

It shows the current counts from the tallies (never an aggregate over reactions) and
nothing about the reader, so every reader gets the same box; the script fetches the
reader's own choice from the endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from reactions.models import ReactionKind, Tally
from reactions.services import active_counts

TEMPLATE = "reactions/box.html"


@dataclass(frozen=True)
class OfferedKind:
    """A kind as the box shows it in the current language; kept with a rendered story."""

    id: int
    slug: str
    emoji: str
    display_label: str
    count: int = 0


def _offered(kind: ReactionKind, language: str | None, count: int = 0) -> OfferedKind:
    return OfferedKind(kind.pk, kind.slug, kind.emoji, kind.label(language), count)


def box_context(
    *,
    article_id: int,
    url: str,
    closed: bool,
    preview: bool = False,
    kinds: list[OfferedKind] | None = None,
) -> dict:
    """What the box template needs. With ``kinds`` already known, only the article's
    tallies are read; otherwise the kinds and their counts, in one query either way."""
    if kinds is None:
        language = get_language()
        kinds = [_offered(k, language, k.count) for k in active_counts(article_id)]
    else:
        counts = dict(Tally.objects.filter(article_id=article_id).values_list("kind_id", "count"))
        kinds = [replace(kind, count=counts.get(kind.id, 0)) for kind in kinds]
    return {
        "kinds": kinds,
        "total": sum(kind.count for kind in kinds),
        "endpoint": reverse("reactions:react", args=[article_id]),
        "next_url": url,
        "closed": closed,
        # In the admin's preview the article may be unpublished: show the box, but inert.
        "readonly": preview or closed,
        "preview": preview,
    }


def render_box(
    *, article_id: int, url: str, closed: bool, kinds: list[OfferedKind] | None = None
) -> tuple[str, list[OfferedKind]]:
    """The box's HTML, and the kinds it offers (without counts) to keep for next time."""
    context = box_context(article_id=article_id, url=url, closed=closed, kinds=kinds)
    offered = [replace(kind, count=0) for kind in context["kinds"]]
    return render_to_string(TEMPLATE, context), offered
