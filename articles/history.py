"""A story's history («سجل التعديلات»), read in the language of whoever opens it.

django-reversion keeps each revision's comment as text in the language of the editor who
saved, so an English-speaking editor's saves read in English to an Arabic one. Comments are
kept untranslated instead and translated when the page is drawn: Django's change messages
as Django's JSON, ours as their msgid (the Arabic text), with a date as JSON beside it.
"""

import json
from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext


def dated(message: str, date: datetime) -> str:
    """A comment to keep: ``message``, an untranslated msgid naming ``%(date)s``, and its date."""
    return json.dumps({"message": message, "date": date.isoformat()}, ensure_ascii=False)


def counted(singular: str, plural: str, count: int, **params: str | list[str]) -> str:
    """A comment to keep: untranslated msgids, ``singular`` or ``plural`` by ``count``, naming
    ``params`` (a list reads as a list in the reader's language)."""
    kept = {"message": singular, "plural": plural, "count": count, "params": params}
    return json.dumps(kept, ensure_ascii=False)


def readable(comment: str) -> str:
    """A kept comment in the active language (one kept as text before stays as it was,
    unless it is itself a message of the catalogues)."""
    if comment.startswith("{"):
        try:
            kept = json.loads(comment)
            params = dict(kept.get("params", {}))
            if "date" in kept:
                date = datetime.fromisoformat(kept["date"])
                params["date"] = formats.date_format(timezone.localtime(date), "DATETIME_FORMAT")
            if "plural" in kept:
                message = ngettext(kept["message"], kept["plural"], kept["count"])
            else:
                message = gettext(kept["message"])
            separator = gettext("، ")
            return message % {
                name: separator.join(value) if isinstance(value, list) else value
                for name, value in params.items()
            }
        except (ValueError, KeyError, TypeError):
            return comment
    if comment.startswith("["):
        return LogEntry(change_message=comment).get_change_message()
    return gettext(comment) if comment else comment
