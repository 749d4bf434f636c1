"""How long reader data is kept: address hashes and voided reactions age out.

Live reactions stay (they are the counts), but after the retention period nothing in them
can be linked to a network address any more, and rows a moderator voided are gone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reactions.models import ModerationAction, Reaction


@dataclass(frozen=True)
class Purged:
    address_hashes: int
    voided_reactions: int
    moderation_targets: int


def purge_reader_data(*, days: int) -> Purged:
    """Blank address hashes and delete voided reactions older than ``days`` days.

    A hash is as old as the reaction's last change (each change stores a fresh one);
    a voided reaction as old as its voiding. Moderation log entries that named an address
    hash keep their count and reason but lose the hash. Tallies are untouched: voided rows
    no longer count.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    cutoff = timezone.now() - timedelta(days=days)
    with transaction.atomic():
        hashes = (
            Reaction.objects.filter(updated_at__lt=cutoff).exclude(ip_hash="").update(ip_hash="")
        )
        voided, _ = Reaction.objects.filter(voided_at__lt=cutoff).delete()
        targets = (
            ModerationAction.objects.filter(
                scope=ModerationAction.Scope.IP_HASH, created_at__lt=cutoff
            )
            .exclude(target="")
            .update(target="")
        )
    return Purged(address_hashes=hashes, voided_reactions=voided, moderation_targets=targets)
