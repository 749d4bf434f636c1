"""``{% reaction_box article %}``: the «ما هو رد فعلك؟» box inside the article page.

It renders the current counts from the tallies (one query, however many reactions) and
nothing about the reader, so the page stays the same for everyone and cacheable; the
script fetches the reader's own choice from the endpoint.
"""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language

from articles.arabic import numbering_system, with_digits
from reactions.services import active_counts

register = template.Library()


@register.inclusion_tag("reactions/box.html", takes_context=True)
def reaction_box(context, article):
    language = get_language()
    kinds = active_counts(article)
    for kind in kinds:
        kind.display_label = kind.label(language)
    # In the admin's preview the article may be unpublished: show the box, but inert.
    preview = bool(context.get("preview"))
    return {
        "article": article,
        "kinds": kinds,
        "total": sum(kind.count for kind in kinds),
        "endpoint": reverse("reactions:react", args=[article.pk]),
        "next_url": article.get_absolute_url(),
        "closed": article.reactions_closed,
        "readonly": preview or article.reactions_closed,
        "preview": preview,
    }


@register.filter
def reaction_number(value: int) -> str:
    """Group and write digits as Intl.NumberFormat does for the page (see <html
    data-numbering>), so the script's later update does not change the figure's shape."""
    system = numbering_system(get_language(), settings.NEWSROOM_EASTERN_ARABIC_DIGITS)
    grouped = f"{int(value):,}"
    if system == "arab":
        grouped = grouped.replace(",", "٬")  # the Arabic thousands separator
    return with_digits(grouped, system)
