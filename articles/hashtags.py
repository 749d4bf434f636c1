"""How editors type hashtags: «#الساحل_الإفريقي، #مالي» or one per line.

Plugged into django-taggit through TAGGIT_TAGS_FROM_STRING, so the Arabic comma
separates tags, a leading '#' is optional, and spaces inside a tag become '_'.
"""

import re

from articles.arabic import strip_marks

_SEPARATORS = re.compile(r"[,،\n;؛]+")
_SPACES = re.compile(r"\s+")
MAX_LENGTH = 100


def clean_hashtag(raw: str) -> str:
    name = strip_marks(raw).strip().lstrip("#").strip()
    return _SPACES.sub("_", name)[:MAX_LENGTH].strip("_")


def parse_hashtags(text: str) -> list[str]:
    names = {clean_hashtag(part) for part in _SEPARATORS.split(text or "")}
    names.discard("")
    return sorted(names)


def format_hashtags(tags) -> str:
    return "، ".join(f"#{tag.name}" for tag in sorted(tags, key=lambda t: t.name))
