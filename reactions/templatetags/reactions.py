"""``{% reaction_box article %}``: the «ما هو رد فعلك؟» box inside the article page
(see reactions.box)."""

from django import template

from reactions.box import TEMPLATE, box_context, format_count

register = template.Library()


@register.inclusion_tag(TEMPLATE, takes_context=True)
def reaction_box(context, article):
    return box_context(
        article_id=article.pk,
        url=article.get_absolute_url(),
        closed=article.reactions_closed,
        preview=bool(context.get("preview")),
    )


@register.filter(is_safe=True)
def figure(value: int) -> str:
    """A count as the page writes it: grouped, in the page's digits (see box.format_count)."""
    return format_count(value)
