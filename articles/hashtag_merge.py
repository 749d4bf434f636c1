"""Merging hashtags: two hashtags for one subject (#غزة and #قطاع_غزة, or an old misspelt
one) become the one an editor keeps.

Concurrency. A merge locks its hashtags (FOR UPDATE, in id order), then the stories
tagged with them. A story form being saved holds the hashtags it names from its
validation on (hashtags.as_already_spelled, FOR KEY SHARE in id order) and locks the story
after them, in the same order as a merge: either the story's save finishes first and the
merge moves it with the rest, or the save waits and finds the hashtag the merge kept.
The stories' search documents follow once the merge is committed, outside its locks.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.db import transaction
from django.utils.translation import gettext, ngettext
from taggit.models import Tag

from articles import history, pagecache, search
from articles.models import Article, FormerHashtag, TaggedArticle
from articles.revisions import keep_revisions


class HashtagsGone(Exception):
    """A hashtag to merge no longer exists: deleted, or merged into another, meanwhile."""


@dataclass(frozen=True)
class Merged:
    kept: Tag
    merged: list[str]  # the names merged into it
    stories: int  # stories tagged with it now
    moved: int = 0  # stories moved to it by this call
    # Stories still tagged with a hashtag to merge, when a call was allowed fewer than there
    # were (``at_most``): those hashtags stand until a later call moves the rest.
    remaining: int = 0


# The line each story's history and the admin's log keep, untranslated (articles.history):
# read in the language of whoever opens it. The msgids of merge_message.
MERGED = (
    "دُمج الوسم %(merged)s في الوسم %(kept)s.",
    "دُمجت الوسوم %(merged)s في الوسم %(kept)s.",
)


def merge_message(merged: list[str], kept: str) -> str:
    """«دُمج الوسم #غزة في الوسم #قطاع_غزة.», in the active language."""
    return ngettext(
        "دُمج الوسم %(merged)s في الوسم %(kept)s.",
        "دُمجت الوسوم %(merged)s في الوسم %(kept)s.",
        len(merged),
    ) % {"merged": gettext("، ").join(f"#{name}" for name in merged), "kept": f"#{kept}"}


def merged_message(merged: Merged) -> str:
    """«دُمج الوسمان #غزة، #غزه في الوسم #قطاع_غزة. للوسم #قطاع_غزة الآن 4 مقالات.», in the
    active language: what the admin and the merge_hashtags command tell whoever merged.
    A merge not finished yet says how far it went instead."""
    if merged.remaining:
        return " ".join(
            (
                ngettext(
                    "نُقل مقال واحد إلى الوسم %(kept)s.",
                    "نُقل %(count)d مقالًا إلى الوسم %(kept)s.",
                    merged.moved,
                )
                % {"kept": f"#{merged.kept.name}", "count": merged.moved},
                ngettext(
                    "بقي مقال واحد على %(merged)s: اضغط «دمج الوسوم» لمتابعة الدمج.",
                    "بقي %(count)d مقالًا على %(merged)s: اضغط «دمج الوسوم» لمتابعة الدمج.",
                    merged.remaining,
                )
                % {
                    "merged": gettext("، ").join(f"#{name}" for name in merged.merged),
                    "count": merged.remaining,
                },
            )
        )
    stories = ngettext(
        "للوسم %(kept)s الآن مقال واحد.", "للوسم %(kept)s الآن %(count)d مقالًا.", merged.stories
    ) % {"kept": f"#{merged.kept.name}", "count": merged.stories}
    return f"{merge_message(merged.merged, merged.kept.name)} {stories}"


def remember_former_name(tag: Tag, *, name: str, slug: str) -> None:
    """``tag`` was named ``name`` at /tag/``slug``/ (before a merge or a rename): that
    address leads to it from now on, and that name typed in a story means it."""
    FormerHashtag.objects.filter(slug=tag.slug).delete()  # its own address again, if it was
    FormerHashtag.objects.update_or_create(slug=slug, defaults={"name": name, "tag": tag})


def hashtag_renamed(tag: Tag, *, name: str, slug: str) -> None:
    """``tag`` was just renamed from ``name`` (at /tag/``slug``/), in the transaction
    saving it: its old address leads to it, and once committed the pages naming it (its
    stories' pages, its own under both addresses, the lists and feeds of its stories)
    are refreshed, and its stories are found by its new name, not the old."""
    if slug != tag.slug:
        remember_former_name(tag, name=name, slug=slug)
    story_ids = list(
        TaggedArticle.objects.filter(tag=tag)
        .order_by("content_object_id")
        .values_list("content_object_id", flat=True)
    )
    surfaces = {f"tag:{slug}", f"tag:{tag.slug}"} | pagecache.stories_surfaces(story_ids)
    # Now, as the hashtag's own save does, and again once committed: a page rendered in
    # between would still show the old name.
    pagecache.bump(surfaces)
    transaction.on_commit(lambda: pagecache.bump(surfaces))
    transaction.on_commit(lambda: refresh_search_documents(story_ids), robust=True)


def refresh_search_documents(story_ids: list[int]) -> None:
    """The stories' search documents with their hashtags' names as they are now, made
    again in batches of a thousand stories, one UPDATE each (search.rebuild_vectors).

    Run after a merge is committed: the merge need not hold its hashtags and stories
    while thousands of documents are written.
    """
    search.rebuild_vectors(Article, TaggedArticle, ids=story_ids)


def merge_hashtags(
    *, keep: int, merge: Collection[int], user, at_most: int | None = None
) -> Merged:
    """Tag every story of the hashtags ``merge`` with ``keep`` (once), delete them, and keep
    their names and addresses as ``keep``'s former ones; in one transaction, logged in the
    admin's log and each story's history, with the pages showing them refreshed.

    ``at_most``: move no more stories than that in this call (a request's share, about
    4 ms a story), the first by id. If more remain, the hashtags to merge stay, with the
    rest of their stories, until a call finds no more than ``at_most`` and finishes the
    merge (``Merged.remaining`` says how many are left).

    Raises HashtagsGone if one of them no longer exists (nothing is changed then).
    """
    merging = set(merge) - {keep}
    if not merging:
        raise ValueError("merging a hashtag needs another one")
    with transaction.atomic():
        tags = {
            tag.pk: tag
            for tag in Tag.objects.select_for_update()
            .filter(pk__in={keep, *merging})
            .order_by("pk")
        }
        if len(tags) != len(merging) + 1:
            raise HashtagsGone
        kept, merged = (
            tags[keep],
            [tags[pk] for pk in sorted(merging, key=lambda pk: tags[pk].name)],
        )
        tagged = TaggedArticle.objects.filter(tag__in=merging)
        candidates = tagged.order_by("content_object_id").values("content_object_id").distinct()
        if at_most is not None:
            candidates = candidates[:at_most]
        # Stories after hashtags, as a story form locks them; then only those still tagged
        # with a merged hashtag once they are locked (a save may have just removed it).
        locked = Article.objects.select_for_update().filter(pk__in=candidates)
        locked_ids = list(locked.order_by("pk").values_list("pk", flat=True))
        moving = tagged.filter(content_object_id__in=locked_ids)
        story_ids = sorted(set(moving.values_list("content_object_id", flat=True)))
        remaining = (
            tagged.exclude(content_object_id__in=locked_ids)
            .values("content_object_id")
            .distinct()
            .count()
        )

        # One row per story moves to the kept hashtag (none where it has it already); the
        # others go with their hashtag.
        first_per_story = (
            moving.exclude(
                content_object__in=TaggedArticle.objects.filter(tag=kept).values("content_object")
            )
            .order_by("content_object_id", "pk")
            .distinct("content_object_id")
            .values("pk")
        )
        TaggedArticle.objects.filter(pk__in=first_per_story).update(tag=kept)
        moving.delete()

        message = history.counted(
            *MERGED, len(merged), merged=[f"#{tag.name}" for tag in merged], kept=f"#{kept.name}"
        )
        if not remaining:
            FormerHashtag.objects.filter(tag__in=merging).update(tag=kept)
            for tag in merged:
                remember_former_name(kept, name=tag.name, slug=tag.slug)
            LogEntry.objects.log_actions(user.pk, [kept], CHANGE, message)
            LogEntry.objects.log_actions(user.pk, merged, DELETION, message)
            Tag.objects.filter(pk__in=merging).delete()

        # A revision per story, holding it with its byline and hashtags, read once for all.
        stories = list(
            Article.objects.filter(pk__in=story_ids)
            .prefetch_related("authors", "taggedarticle_set__tag")
            .order_by("pk")
        )
        if stories:
            LogEntry.objects.log_actions(user.pk, stories, CHANGE, message)
            keep_revisions(stories, user=user, comment=message)

        surfaces = {f"tag:{tag.slug}" for tag in tags.values()}
        surfaces |= pagecache.stories_surfaces(story_ids)
        # Once committed: a page rendered before that would show the stories unmerged.
        transaction.on_commit(lambda: pagecache.bump(surfaces))
        transaction.on_commit(lambda: refresh_search_documents(story_ids), robust=True)
        return Merged(
            kept=kept,
            merged=[tag.name for tag in merged],
            stories=kept.articles_taggedarticle_items.count(),
            moved=len(story_ids),
            remaining=remaining,
        )
