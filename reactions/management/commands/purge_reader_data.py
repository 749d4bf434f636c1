from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from reactions.retention import purge_reader_data


class Command(BaseCommand):
    help = (
        "Blank reactions' address hashes and delete voided reactions older than N days "
        "(default: REACTIONS_RETENTION_DAYS). Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="retention period in days (default: settings.REACTIONS_RETENTION_DAYS)",
        )

    def handle(self, *args, days, **options):
        days = settings.REACTIONS_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        purged = purge_reader_data(days=days)
        self.stdout.write(
            f"Older than {days} days: {purged.address_hashes} address hashes blanked, "
            f"{purged.voided_reactions} voided reactions deleted, "
            f"{purged.moderation_targets} moderation targets blanked."
        )
