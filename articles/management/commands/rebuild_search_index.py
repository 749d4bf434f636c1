from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article


class Command(BaseCommand):
    help = _("يعيد بناء فهرس البحث لكل المقالات.")

    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.iterator(chunk_size=500):
            article.refresh_search_document()
            count += 1
        self.stdout.write(
            ngettext("أُعيدت فهرسة مقال واحد.", "أُعيدت فهرسة %(count)d مقالًا.", count)
            % {"count": count}
        )
