from django.core.management.base import BaseCommand

from reactions.services import recount_tallies


class Command(BaseCommand):
    help = "Rebuild reaction tallies from the live reaction rows (all articles, or some)."

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int, help="only these articles")

    def handle(self, *args, article_ids, **options):
        fixed = recount_tallies(article_ids=article_ids or None)
        self.stdout.write(f"Tallies corrected: {fixed}")
