"""Cached article pages show the box with its kinds: a kind's change refreshes them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles import pagecache
from reactions.models import ReactionKind


@receiver(post_save, sender=ReactionKind)
@receiver(post_delete, sender=ReactionKind)
def refresh_pages_with_the_box(sender, **kwargs):
    pagecache.bump(["reaction-kinds"])
