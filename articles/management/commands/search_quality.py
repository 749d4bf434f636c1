from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.relevance import evaluate


class Command(BaseCommand):
    help = _("يقيس جودة البحث على مجموعة الاستعلامات المرجعية (recall@10 و MRR و MAP@10).")

    def add_arguments(self, parser):
        parser.add_argument("--misses", action="store_true", help=_("اعرض الاستعلامات المخفقة."))

    def handle(self, *args, misses=False, **options):
        report = evaluate()
        if misses:
            for result in report.misses():
                self.stdout.write(
                    f"{result.query}\n  expected {result.expected}\n  found    {result.found}"
                )
        self.stdout.write(
            f"queries={len(report.results)} recall@10={report.recall_at_10:.3f} "
            f"MRR={report.mrr:.3f} MAP@10={report.map:.3f}"
        )
