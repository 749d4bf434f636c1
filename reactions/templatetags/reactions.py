"""``{% reaction_box article %}``: the «ما هو رد فعلك؟» box inside the article page
(see reactions.box), and the filter that writes its counts."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from articles.arabic import numbering_system, with_digits
from reactions.box import TEMPLATE, box_context

register = template.Library()


@register.inclusion_tag(TEMPLATE, takes_context=True)
def reaction_box(context, article):
    return box_context(
        article_id=article.pk,
        url=article.get_absolute_url(),
        closed=article.reactions_closed,
        preview=bool(context.get("preview")),
    )


@register.filter
def reaction_number(value: int) -> str:
    """Group and write digits as Intl.NumberFormat does for the page (see <html
    data-numbering>), so the script's later update does not change the figure's shape."""
    system = numbering_system(get_language(), settings.NEWSROOM_EASTERN_ARABIC_DIGITS)
    grouped = f"{int(value):,}"
    if system == "arab":
        grouped = grouped.replace(",", "٬")  # the Arabic thousands separator
    return with_digits(grouped, system)
