"""The «ما هو رد فعلك؟» box: what it shows, rendered on its own or inside the article page.

It shows the current counts from the tallies (one query, however many reactions) and
nothing about the reader, so every reader gets the same box; the script fetches the
reader's own choice from the endpoint.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language

from reactions.services import active_counts

TEMPLATE = "reactions/box.html"


def box_context(*, article_id: int, url: str, closed: bool, preview: bool = False) -> dict:
    language = get_language()
    kinds = active_counts(article_id)
    for kind in kinds:
        kind.display_label = kind.label(language)
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


def render_box(*, article_id: int, url: str, closed: bool) -> str:
    return render_to_string(TEMPLATE, box_context(article_id=article_id, url=url, closed=closed))
