"""Restoring an old version of a story (from its history, or a deleted story recovered)
whose hashtags changed since it was saved.

A revision keeps the story's rows of the through table, each naming its hashtag by id
only. django-reversion puts those rows back as they were; one naming a hashtag merged into
another or deleted since points at nothing (PostgreSQL checks the foreign key at commit, so
the restore would fail there) and the form would show the story without it. Such rows are
taken away here, and the hashtag each named is found again by its name: a merged one is the
hashtag it became (FormerHashtag), a deleted one comes back by its name when the story is
saved. Where no record keeps the name, the editor is told that one could not be restored.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.utils import translation
from django.utils.translation import gettext, ngettext
from reversion.models import Revision
from taggit.models import Tag

from articles.hashtags import hashtag_meant
from articles.models import Article, TaggedArticle

# django-taggit's sentence for a story's row (TaggedItemBase.__str__), which a version keeps
# as its object_repr in the saving editor's language; translated by taggit's catalogues.
TAGGED_ROW = "%(object)s tagged with %(tag)s"


@dataclass(frozen=True)
class RestoredHashtag:
    name: str | None  # as the old version named it; None when no record keeps it
    tag: Tag | None  # what it is now: a hashtag, or a new one (not saved yet) to create

    @property
    def renamed(self) -> bool:
        """Comes back as another hashtag: the one it was merged into, or the one spelling
        its word another way."""
        return self.tag is not None and self.tag.name != self.name

    @property
    def created(self) -> bool:
        return self.tag is not None and self.tag.pk is None


def restore_hashtags(article_id: int, revision: Revision) -> list[RestoredHashtag]:
    """After django-reversion has put ``revision`` back: the story's rows naming hashtags
    that no longer exist are deleted, and what each of them named is found again."""
    gone = list(
        TaggedArticle.objects.filter(content_object_id=article_id)
        .filter(~Exists(Tag.objects.filter(pk=OuterRef("tag_id"))))
        .values_list("pk", "tag_id")
    )
    if not gone:
        return []
    TaggedArticle.objects.filter(pk__in=[pk for pk, _tag in gone]).delete()
    restored = []
    for row, tag_id in gone:
        name = _name_kept(tag_id, row, revision, article_id)
        tag = None
        if name is not None:
            tag = hashtag_meant(name) or Tag(name=name)
        restored.append(RestoredHashtag(name=name, tag=tag))
    return restored


def _name_kept(tag_id: int, row: int, revision: Revision, article_id: int) -> str | None:
    """The name of the hashtag ``tag_id`` (deleted or merged away), from the admin's log
    (its deletion or merge, under its last name) or else from the revision's record of the
    story's row ``row`` («<title> tagged with <name>», in the saving editor's language)."""
    logged = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Tag), object_id=str(tag_id)
        )
        .order_by("-action_time", "-pk")
        .values_list("object_repr", flat=True)
        .first()
    )
    if logged:
        return logged
    versions = revision.version_set.all()
    kept_row = versions.filter(
        content_type=ContentType.objects.get_for_model(TaggedArticle), object_id=str(row)
    ).first()
    story = versions.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=str(article_id)
    ).first()
    if kept_row is None or story is None:
        return None
    title = story.field_dict.get("title") or ""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            template = gettext(TAGGED_ROW)
        before, _tag, after = template.replace("%(object)s", title).partition("%(tag)s")
        text = kept_row.object_repr
        if _tag and text.startswith(before) and text.endswith(after):
            name = text[len(before) : len(text) - len(after)].strip()
            if name:
                return name
    return None


def restore_messages(restored: list[RestoredHashtag]) -> tuple[list[str], str | None]:
    """What the editor is told on the restore form, in the active language: a line for each
    hashtag restored under another name or to be created again, and a warning (or None)
    for those whose name is lost."""
    lines = []
    for hashtag in restored:
        if hashtag.renamed:
            lines.append(
                gettext(
                    "الوسم #%(old)s في هذه النسخة هو الآن #%(new)s، فيعود إلى المقال باسم #%(new)s."
                )
                % {"old": hashtag.name, "new": hashtag.tag.name}
            )
        elif hashtag.created:
            lines.append(
                gettext(
                    "حُذف الوسم #%(name)s بعد حفظ هذه النسخة، ويعود إلى المقال وسمًا جديدًا إن حفظتها."
                )
                % {"name": hashtag.name}
            )
    lost = sum(1 for hashtag in restored if hashtag.tag is None)
    warning = None
    if lost:
        warning = ngettext(
            "تعذّرت استعادة وسم واحد من هذه النسخة: حُذف بعد حفظها ولم يبقَ اسمه في أي سجل، "
            "فليس في خانة الوسوم. أضفه بنفسك إن عرفته.",
            "تعذّرت استعادة %(count)d وسمًا من هذه النسخة: حُذفت بعد حفظها ولم تبقَ أسماؤها "
            "في أي سجل، فليست في خانة الوسوم. أضفها بنفسك إن عرفتها.",
            lost,
        ) % {"count": lost}
    return lines, warning
