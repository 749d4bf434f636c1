from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.hashtag_merge import HashtagsGone, merge_hashtags, merged_message


class Command(BaseCommand):
    help = _(
        "يدمج وسومًا في وسم يبقى، كما يفعل إجراء «دمج الوسوم المحددة» في لوحة الإدارة، "
        "لكن دفعة واحدة مهما كثرت مقالاتها (صفحة الدمج تنقلها على دفعات)."
    )

    def add_arguments(self, parser):
        parser.add_argument("keep", help=_("الوسم الذي يبقى، مثل #قطاع_غزة"))
        parser.add_argument("merge", nargs="+", help=_("الوسوم التي تُدمج فيه"))
        parser.add_argument("--user", required=True, help=_("اسم المستخدم الذي يُسجَّل الدمج باسمه"))

    def handle(self, *args, keep, merge, user, **options):
        try:
            user = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(_("لا يوجد مستخدم باسم %(name)s.") % {"name": user}) from None
        if not user.has_perm("taggit.change_tag") or not user.has_perm("taggit.delete_tag"):
            raise CommandError(
                _("لا يملك %(name)s صلاحية دمج الوسوم.") % {"name": user.get_username()}
            )
        kept = self.hashtag(keep)
        merged = {self.hashtag(name).pk for name in merge} - {kept.pk}
        if not merged:
            raise CommandError(_("اذكر وسمًا آخر غير الذي يبقى."))
        try:
            result = merge_hashtags(keep=kept.pk, merge=merged, user=user)
        except HashtagsGone:
            gone = _("حُذف أحد الوسوم أو دُمج في غيره أثناء ذلك، فلم يُدمج شيء.")
            raise CommandError(gone) from None
        self.stdout.write(merged_message(result))

    def hashtag(self, name: str) -> Tag:
        try:
            return Tag.objects.get(name=name.strip().removeprefix("#"))
        except Tag.DoesNotExist:
            raise CommandError(_("لا يوجد وسم اسمه %(name)s.") % {"name": name}) from None
