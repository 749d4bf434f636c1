"""Readers' reactions for the demo newsroom: counts in every box, a week of history on the
moderators' dashboard, and one suspicious burst for them to find and void.

Run after ``load_demo`` (``make run`` runs both). Adds nothing if any reaction exists, so
``make run`` can run it every time; refuses with DEBUG off unless given ``--force``.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article
from reactions.identity import ip_hash, reader_key_for
from reactions.models import Reaction, ReactionKind
from reactions.services import recount_tallies

HISTORY = timedelta(days=7)
BURST_SIZE = 60  # one address, sixty "readers", four minutes: what the dashboard flags
BURST_AGO = timedelta(hours=3)


class Command(BaseCommand):
    help = _("يضيف تفاعلات قراء تجريبية إلى الأخبار المنشورة، ومعها دفعة مريبة للمشرفين.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help=_("اعمل حتى مع إيقاف DEBUG (للقياس فقط).")
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "يرفض load_demo_reactions العمل مع إيقاف DEBUG كي لا تختلط تفاعلات "
                    "تجريبية بتفاعلات القراء. استخدم --force إن كنت متأكدًا."
                )
            )
        if Reaction.objects.exists():
            self.stdout.write(_("التفاعلات التجريبية: للأخبار تفاعلات من قبل، فلم يُضف شيء."))
            return
        kinds = list(ReactionKind.objects.active().order_by("order", "pk"))
        stories = list(Article.objects.published().order_by("-publish_at", "-pk"))
        if not kinds or not stories:
            self.stdout.write(_("التفاعلات التجريبية: لا أنواع تفاعل أو لا أخبار منشورة."))
            return
        now = timezone.now()
        hot = burst_target(stories, now=now)
        rows = demo_rows(stories, kinds, hot=hot, now=now)
        with transaction.atomic():
            insert(rows)
            recount_tallies(article_ids=[story.pk for story in stories])
        self.stdout.write(
            self.style.SUCCESS(
                _("التفاعلات التجريبية: %(n)d، منها دفعة مريبة على «%(title)s».")
                % {"n": len(rows), "title": hot.title}
            )
        )


def demo_rows(
    stories: list[Article], kinds: list[ReactionKind], *, hot: Article, now
) -> list[tuple]:
    """(article id, kind id, reader key, address hash, time) of every demo reaction.

    The same every time (a fixed seed). Newer stories draw more readers; each story leans
    towards a kind or two; times fall between publication and now, within the last week.
    Addresses come from the ranges set aside for documentation (RFC 5737).
    """
    rng = random.Random(2026)
    addresses = [ip_hash(f"198.51.100.{n}") for n in range(1, 255)]
    rows = []
    for rank, story in enumerate(stories):
        readers = min(600, int(rng.paretovariate(1.2) * 240 / (1 + rank / 4)))
        leaning = [rng.random() ** 3 for _kind in kinds]
        start = max(story.publish_at, now - HISTORY)
        for n in range(readers):
            kind = rng.choices(kinds, weights=leaning)[0]
            moment = start + (now - start) * rng.random() ** 2  # most soon after publication
            reader = reader_key_for(anonymous_id=f"demo-{story.pk}-{n}")
            rows.append((story.pk, kind.pk, reader, rng.choice(addresses), moment))
    # The burst: one address reacting as many readers to a fresh story, within minutes.
    # Within one of the dashboard's ten-minute windows (counted from local midnight).
    begin = timezone.localtime(now - BURST_AGO).replace(second=0, microsecond=0)
    begin -= timedelta(minutes=begin.minute % 10 - 1)
    angry = next((k for k in kinds if k.slug == "angry"), kinds[-1])
    address = ip_hash("203.0.113.7")
    for n in range(BURST_SIZE):
        reader = reader_key_for(anonymous_id=f"demo-burst-{n}")
        rows.append((hot.pk, angry.pk, reader, address, begin + timedelta(seconds=4 * n)))
    return rows


def burst_target(stories: list[Article], *, now) -> Article:
    """The newest story that was already out when the burst began."""
    began = now - BURST_AGO - timedelta(minutes=10)  # at the earliest
    return next((s for s in stories if s.publish_at <= began), stories[-1])


def insert(rows: list[tuple]) -> None:
    """One batch; ``created_at`` as given (the model's auto_now_add would say "now")."""
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Reaction._meta.db_table} (article_id, kind_id, reader_key, ip_hash, "
            "created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s)",
            [(*row, row[-1]) for row in rows],
        )
