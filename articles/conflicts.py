"""Two editors on one story: what the other one changed since a form was opened.

Every save bumps ``Article.version``, the article form carries the version it was opened
on (``edit_version``), and each revision django-reversion keeps records the version it
saved. A late editor's form is compared with the story as it was when they opened it, so
the fields the other editor changed are told apart from the late editor's own.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models.fields.files import FieldFile
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, TaggedArticle
from articles.sanitize import sanitize_html

# The story's fields on its form, as the admin's form lists them.
STORY_FIELDS = (
    "title", "slug", "deck", "agency", "city", "authors", "body",
    "image", "image_caption", "image_credit", "image_alt",
    "section", "tags", "language", "status", "publish_at", "reactions_closed",
)  # fmt: skip


def as_opened(article: Article, version: int) -> dict[str, Any] | None:
    """The story's fields as saved at ``version``, from the revision that kept them; None
    when no revision did (a story saved outside the admin, or before revisions kept their
    version number)."""
    for kept in Version.objects.get_for_object(article).select_related("revision").iterator():
        saved = _version_number(kept)
        if saved is None or saved < version:  # older still: the version is not among them
            return None
        if saved == version:
            return _revision_fields(article, kept)
    return None


def as_saved(article: Article) -> dict[str, Any]:
    """The story's fields as they are now."""
    values = {name: getattr(article, name) for name in STORY_FIELDS}
    values.update(
        section=article.section_id,
        authors=list(article.authors.values_list("pk", flat=True)),
        tags=list(article.tags.names()),
    )
    return _comparable(values)


def as_submitted(cleaned: dict[str, Any]) -> dict[str, Any]:
    """The story's fields as a valid form holds them (those without an error)."""
    return _comparable({name: cleaned[name] for name in STORY_FIELDS if name in cleaned})


def _version_number(kept: Version) -> int | None:
    if kept.format != "json":
        return None
    try:
        return json.loads(kept.serialized_data)[0]["fields"].get("version")
    except (ValueError, LookupError, TypeError):
        return None


def _revision_fields(article: Article, kept: Version) -> dict[str, Any]:
    fields = kept.field_dict
    values = {name: fields.get(name) for name in STORY_FIELDS}
    # Hashtags are kept in the same revision as the story's own rows of the through table.
    tagged = kept.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(TaggedArticle)
    )
    tag_ids = [
        row.field_dict["tag_id"]
        for row in tagged
        if row.field_dict["content_object_id"] == article.pk
    ]
    values.update(
        section=fields.get("section_id"),
        authors=fields.get("authors", []),
        tags=list(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True)),
    )
    return _comparable(values)


def _comparable(values: dict[str, Any]) -> dict[str, Any]:
    """The same story reads the same from a revision, the row and a submitted form."""
    comparable = dict(values)
    for name, value in values.items():
        if name == "authors":
            comparable[name] = frozenset(getattr(author, "pk", author) for author in value)
        elif name == "tags":
            comparable[name] = frozenset(getattr(tag, "name", tag) for tag in value)
        elif name == "section":
            comparable[name] = getattr(value, "pk", value)
        elif name == "image":
            # A file kept is its name; none is "" (False when cleared on the form); a new
            # upload is equal to nothing saved.
            comparable[name] = (value.name or "") if isinstance(value, FieldFile) else value or ""
        elif name == "body":
            comparable[name] = sanitize_html(value or "")
        elif name == "publish_at" and value is not None:
            comparable[name] = value.replace(microsecond=0)  # the form shows whole seconds
    return comparable
