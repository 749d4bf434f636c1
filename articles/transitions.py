"""What became of a story's status when its form was saved, in words: the line its history
keeps (an untranslated msgid, read in each reader's language: articles.history) and the
message the editor sees. The list actions say theirs themselves (ArticleAdmin)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone
from django.utils.translation import gettext, gettext_noop

from articles import history
from articles.arabic import isolated
from articles.models import Article

SCHEDULED = "scheduled"  # published, its time still to come


@dataclass(frozen=True)
class Move:
    line: str  # the history's line
    said: str  # the editor's message, naming %(title)s


PUBLISHED = Move(gettext_noop("نُشر."), gettext_noop("نُشر المقال «%(title)s»."))
SCHEDULED_FOR = Move(
    gettext_noop("جُدول للنشر في %(date)s."),
    gettext_noop("جُدول المقال «%(title)s» للنشر في %(date)s."),
)
SENT_FOR_REVIEW = Move(
    gettext_noop("أُرسل إلى المراجعة."), gettext_noop("أُرسل المقال «%(title)s» إلى المراجعة.")
)
UNPUBLISHED = Move(gettext_noop("أُلغي نشره."), gettext_noop("أُلغي نشر المقال «%(title)s»."))
BACK_TO_DRAFTS = Move(
    gettext_noop("أُعيد إلى المسودات."), gettext_noop("أُعيد المقال «%(title)s» إلى المسودات.")
)
ARCHIVED = Move(gettext_noop("أُرشف."), gettext_noop("أُرشف المقال «%(title)s»."))


@dataclass(frozen=True)
class StatusChange:
    move: Move
    title: str
    publish_at: datetime | None

    @property
    def names_the_time(self) -> bool:
        """Its words say when the story is (or was made) public."""
        return self.move in (PUBLISHED, SCHEDULED_FOR)

    def kept(self) -> str:
        """The history's line, to keep untranslated."""
        if self.move is SCHEDULED_FOR:
            return history.dated(self.move.line, self.publish_at)
        return self.move.line

    def message(self) -> str:
        """The editor's message, in the active language."""
        params = {"title": isolated(self.title)}  # its own direction inside the sentence
        if self.move is SCHEDULED_FOR:
            when = timezone.localtime(self.publish_at)
            params["date"] = formats.date_format(when, "DATETIME_FORMAT")
        return gettext(self.move.said) % params


def status_change(was: tuple[str, datetime | None] | None, article: Article) -> StatusChange | None:
    """What became of the status of ``article`` (just saved), which ``was`` (its status and
    publication time before; None for a new story) in another: None when nothing did."""
    now = timezone.now()
    before = _stage(*was, now) if was else None
    after = _stage(article.status, article.publish_at, now)
    if after == before:
        rescheduled = after == SCHEDULED and _seconds(was[1]) != _seconds(article.publish_at)
        if not rescheduled:
            return None
    if after == Article.Status.DRAFT:
        if before is None:
            return None  # a new draft is only added
        move = UNPUBLISHED if before in (Article.Status.PUBLISHED, SCHEDULED) else BACK_TO_DRAFTS
    else:
        move = {
            Article.Status.PUBLISHED: PUBLISHED,
            SCHEDULED: SCHEDULED_FOR,
            Article.Status.REVIEW: SENT_FOR_REVIEW,
            Article.Status.ARCHIVED: ARCHIVED,
        }[after]
    return StatusChange(move=move, title=article.title, publish_at=article.publish_at)


def _stage(status: str, publish_at: datetime | None, now: datetime) -> str:
    if status == Article.Status.PUBLISHED and publish_at is not None and publish_at > now:
        return SCHEDULED
    return status


def _seconds(moment: datetime | None) -> datetime | None:
    return moment.replace(microsecond=0) if moment else None
