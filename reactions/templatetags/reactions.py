"""``{% reaction_box article %}``: the «ما هو رد فعلك؟» box inside the article page
(see reactions.box)."""

from django import template

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
