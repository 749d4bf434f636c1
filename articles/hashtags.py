"""How editors type hashtags: «#الساحل_الإفريقي، #مالي» or one per line.

Plugged into django-taggit through TAGGIT_TAGS_FROM_STRING, so the Arabic comma
separates tags, a leading '#' is optional, spaces and dashes inside a tag become '_',
and what cannot be part of a hashtag (emoji, punctuation) is left out.
"""

import re
import unicodedata

from django.db.models import F, Func, Value
from django.db.models.functions import Lower
from taggit.models import Tag

from articles.arabic import LETTER_FOLD, normalize, strip_marks

_SEPARATORS = re.compile(r"[,،\n;؛]+")
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


def hashtag_spelled_like(slug: str, *, exclude: Tag | None = None) -> Tag | None:
    """The hashtag ``slug`` names with its letters spelled another way («#الامارات» for
    «#الإمارات», «#مالى» for «#مالي»), as readers type them; None if there is none.

    For addresses no hashtag has: it reads every hashtag's slug, folded in SQL.
    """
    folded = Lower(
        Func(F("slug"), Value(LETTER_FOLD[0]), Value(LETTER_FOLD[1]), function="translate")
    )
    tags = Tag.objects.annotate(folded=folded).filter(folded=normalize(slug).lower())
    if exclude is not None:
        tags = tags.exclude(pk=exclude.pk)
    return tags.order_by("pk").first()


def as_already_spelled(names: list[str]) -> list[str]:
    """``names`` as the hashtags that exist already spell them: «#مالى» typed where «#مالي»
    exists is «#مالي», not a second hashtag for the same word. New ones stay as typed."""
    spelled: dict[str, str] = {}
    for name in names:
        existing = hashtag_spelled_like(name)
        name = existing.name if existing else name
        spelled.setdefault(name.casefold(), name)
    return sorted(spelled.values())
