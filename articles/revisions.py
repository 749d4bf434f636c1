"""Revisions of many stories at once (a hashtag merge moves thousands), kept as
django-reversion keeps them but written in bulk.

django-reversion adds objects to a revision one at a time, serialising each with Django's
JSON serialiser (a query per story for its byline, a pure-Python JSON encoder) and copying
the revision's growing list on every addition. Here the same Version rows, with the same
text, are made from stories read once with their relations, and inserted in a few
statements. Each story gets a revision of its own, as a save in the admin would: restoring
one story never puts the others back with it (django-reversion restores a whole revision).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router
from django.utils import timezone
from reversion.models import Revision, Version
from reversion.revisions import _get_options


def keep_revisions(objects: Sequence[models.Model], *, user, comment: str) -> list[Revision]:
    """A revision per object of ``objects`` (saved ones of one registered model), holding
    it and what its registration follows, by ``user`` with ``comment``.

    Read ``objects`` with what they follow prefetched (for stories: their byline and
    ``taggedarticle_set``): nothing more is read here.
    """
    if not objects:
        return []
    now = timezone.now()
    revisions = Revision.objects.bulk_create(
        [Revision(date_created=now, user=user, comment=comment) for _obj in objects]
    )
    versions = []
    for obj, revision in zip(objects, revisions, strict=True):
        held = list(_with_followed(obj))
        for kept, text in zip(held, _serialized(held), strict=True):
            versions.append(
                Version(
                    revision=revision,
                    content_type=ContentType.objects.get_for_model(type(kept)),
                    object_id=str(kept.pk),
                    db=router.db_for_write(type(kept), instance=kept),
                    format=_get_options(type(kept)).format,
                    serialized_data=text,
                    object_repr=str(kept),
                )
            )
    Version.objects.bulk_create(versions, batch_size=1000)
    return revisions


def _with_followed(obj: models.Model) -> Iterator[models.Model]:
    yield obj
    for name in _get_options(type(obj)).follow:
        related = getattr(obj, name)
        for item in related.all() if isinstance(related, models.Manager) else [related]:
            if item is not None:
                yield from _with_followed(item)


def _serialized(objects: list[models.Model]) -> list[str]:
    """Each object's text as django-reversion keeps it: Django's JSON serialiser's for
    that object alone, with its many-to-many values from what was prefetched."""
    texts = []
    for obj in objects:
        options = _get_options(type(obj))
        # As the serialiser: only many-to-many fields with an automatic through model
        # (a byline); hashtags are kept as rows of their own (``follow``).
        many = [
            f.name
            for f in type(obj)._meta.many_to_many
            if f.name in options.fields and f.remote_field.through._meta.auto_created
        ]
        local = [name for name in options.fields if name not in many]
        (data,) = serializers.serialize("python", [obj], fields=local)
        for name in many:
            data["fields"][name] = [related.pk for related in getattr(obj, name).all()]
        # As the JSON serialiser writes it, through json.dumps rather than its json.dump:
        # the same text, from the C encoder rather than the pure-Python one.
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        texts.append(f"[{text}]\n")
    return texts
