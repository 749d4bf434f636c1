"""How editors type hashtags: «#الساحل_الإفريقي، #مالي», «#مالي #النيجر» or one per line.

Plugged into django-taggit through TAGGIT_TAGS_FROM_STRING, so the Arabic comma
separates tags, a leading '#' is optional, spaces and dashes inside a tag become '_',
and what cannot be part of a hashtag (emoji, punctuation) is left out.

Readers see a hashtag only once one of its stories is public (``visible_hashtags``): until
then its page and feeds answer as if it did not exist. Addresses readers type for one (its
words joined by '-' or spaces, its letters spelled another way, an old name) lead to it
(``hashtag_redirect``).
"""

import re
import unicodedata

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import reverse
from taggit.models import Tag

from articles.arabic import LETTER_FOLD, normalize, strip_marks
from articles.models import Article, FormerHashtag

# Commas (Arabic or Latin), semicolons and new lines separate hashtags, and so does a «#»
# starting another one: «#مالي #النيجر», typed as on social networks, is two hashtags,
# where spaces inside one join its words («#الجيش المالي» is «#الجيش_المالي»).
_SEPARATORS = re.compile(r"[,،\n;؛]+|(?=#)")
_JOINERS = re.compile(r"[\s\-\u2010-\u2015]+")  # spaces and dashes: «كرة-القدم» is «كرة_القدم»
MAX_LENGTH = 100


def _belongs(char: str) -> bool:
    """Letters, digits, '_' and combining marks: what a hashtag is made of, as social
    networks read one (an emoji or a flag ends it, punctuation is not part of it)."""
    return char.isalnum() or char == "_" or unicodedata.category(char).startswith("M")


def clean_hashtag(raw: str) -> str:
    name = _JOINERS.sub("_", strip_marks(raw).strip().lstrip("#").strip())
    name = re.sub("_{2,}", "_", "".join(filter(_belongs, name)))
    return name[:MAX_LENGTH].strip("_")


def unusable_hashtags(text: str) -> list[str]:
    """What the editor typed as hashtags that has no letter or digit to keep («#🔥»)."""
    parts = (part.strip() for part in _SEPARATORS.split(text or ""))
    return [part for part in parts if part.strip("#").strip() and not clean_hashtag(part)]


def parse_hashtags(text: str) -> list[str]:
    """The hashtags in ``text``, once each: «Mali» and «mali» are one (the first spelling
    typed wins; TAGGIT_CASE_INSENSITIVE finds an existing tag whatever its case)."""
    names: dict[str, str] = {}
    for part in _SEPARATORS.split(text or ""):
        name = clean_hashtag(part)
        if name:
            names.setdefault(name.casefold(), name)
    return sorted(names.values())


def format_hashtags(tags) -> str:
    return "، ".join(f"#{tag.name}" for tag in sorted(tags, key=lambda t: t.name))


def _folded_slug():
    """A row's slug with its letters folded, in SQL (articles.arabic.normalize's folding)."""
    return Lower(
        Func(F("slug"), Value(LETTER_FOLD[0]), Value(LETTER_FOLD[1]), function="translate")
    )


def _spelled_like(rows, slug: str):
    """``rows`` (hashtags or former ones) whose slug is ``slug`` with its letters spelled
    any way, folded in SQL; the one spelled exactly so first (``exact``)."""
    exact = ExpressionWrapper(Q(slug__iexact=slug), output_field=BooleanField())
    return (
        rows.annotate(folded=_folded_slug(), exact=exact)
        .filter(folded=normalize(slug).lower())
        .order_by("-exact", "pk")
    )


def visible_hashtags() -> QuerySet[Tag]:
    """The hashtags readers may see: those of at least one public story
    (``Article.objects.published()``). One used only on drafts, stories in review, archived
    or scheduled ones would give away what they are about (an embargoed story's subject)."""
    return Tag.objects.filter(Exists(Article.objects.published().tagged(OuterRef("pk"))))


def hashtag_spelled_like(
    slug: str, *, exclude: Tag | None = None, among: QuerySet[Tag] | None = None
) -> Tag | None:
    """The hashtag ``slug`` names with its letters spelled another way («#الامارات» for
    «#الإمارات», «#مالى» for «#مالي»), as readers type them; None if there is none.
    Looked for among every hashtag unless ``among`` says which.

    For addresses no hashtag has: it reads every hashtag's slug, folded in SQL.
    """
    tags = _spelled_like(Tag.objects if among is None else among, slug)
    if exclude is not None:
        tags = tags.exclude(pk=exclude.pk)
    return tags.first()


def former_hashtag(name: str) -> FormerHashtag | None:
    """The former name (in any spelling of its letters) of a hashtag merged into another or
    renamed, with the hashtag it became (``tag``); None if ``name`` never was one."""
    return _spelled_like(FormerHashtag.objects, name).select_related("tag").first()


def hashtag_redirect(
    request: HttpRequest, url_name: str, slug: str
) -> HttpResponseRedirect | HttpResponsePermanentRedirect | None:
    """For an address ``slug`` that is no visible hashtag's own (``url_name``: its page or
    a feed): the same page of the visible hashtag a reader means by it, the query string
    kept; None if there is none, and the address is a 404 like any unknown one.

    - The former address of a hashtag merged into another or renamed: permanently, so that
      links shared on social networks keep working.
    - The hashtag's name as readers type it, read as editors' hashtags are
      (``clean_hashtag``): words joined by '-' or spaces rather than '_', a '#', tashkeel.
      Such an address can never be a hashtag's own: permanently.
    - Its letters spelled another way (``hashtag_spelled_like``), such as «الامارات» for
      «#الإمارات»: temporarily, since those are letters a hashtag's name could have.
    """
    visible = visible_hashtags()
    former = FormerHashtag.objects.filter(slug=slug, tag__in=visible).select_related("tag").first()
    name = clean_hashtag(slug)
    if former is not None:
        tag, permanent = former.tag, True
    elif name and (tag := hashtag_spelled_like(name, among=visible)) is not None:
        permanent = tag.slug == name
    else:
        return None
    if tag.slug == slug:
        return None  # its own address: what failed was not the hashtag
    query = request.GET.urlencode()
    address = reverse(url_name, kwargs={"slug": tag.slug}) + (f"?{query}" if query else "")
    return (HttpResponsePermanentRedirect if permanent else HttpResponseRedirect)(address)


def _hold(ids: set[int]) -> set[int]:
    """Hold the hashtags ``ids`` until the transaction ends, as a foreign key check does
    (FOR KEY SHARE, in id order as a merge locks them); the ids still there."""
    if not ids:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id FROM {Tag._meta.db_table} WHERE id = ANY(%s) ORDER BY id FOR KEY SHARE",
            [sorted(ids)],
        )
        return {row[0] for row in cursor.fetchall()}


def hashtag_meant(name: str) -> Tag | None:
    """The hashtag a story naming ``name`` means: one spelled so, or one that was named so
    before a merge or a rename; spelled exactly so before spelled another way."""
    tag, former = hashtag_spelled_like(name), former_hashtag(name)
    if former is not None and (tag is None or (former.exact and not tag.exact)):
        return former.tag
    return tag


def as_already_spelled(names: list[str]) -> list[str]:
    """``names`` as the hashtags that exist already spell them: «#مالى» typed where «#مالي»
    exists is «#مالي», not a second hashtag for the same word, and a hashtag merged into
    another (or renamed) is the one it became. New ones stay as typed.

    The hashtags found are held until the story's transaction ends: a merge cannot delete
    one before the story is saved with it, and a story saved while a merge runs waits for
    it, then finds the hashtag the merge kept (hashtag_merge.merge_hashtags).
    """
    for _attempt in range(3):
        found = {name: hashtag_meant(name) for name in names}
        ids = {tag.pk for tag in found.values() if tag is not None}
        if _hold(ids) == ids:
            break  # none was merged away while this waited for it
    spelled: dict[str, str] = {}
    for name in names:
        existing = found[name]
        name = existing.name if existing else name
        spelled.setdefault(name.casefold(), name)
    return sorted(spelled.values())
