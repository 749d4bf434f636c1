from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from reactions.services import recount_tallies


class Command(BaseCommand):
    help = _("يعيد بناء عدّادات التفاعل من التفاعلات القائمة (لكل المقالات أو بعضها).")

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int, help=_("هذه المقالات فقط"))

    def handle(self, *args, article_ids, **options):
        fixed = recount_tallies(article_ids=article_ids or None)
        self.stdout.write(_("العدّادات المصحّحة: %(count)d") % {"count": fixed})
