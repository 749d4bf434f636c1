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
from django.utils.translation import gettext


def dated(message: str, date: datetime) -> str:
    """A comment to keep: ``message``, an untranslated msgid naming ``%(date)s``, and its date."""
    return json.dumps({"message": message, "date": date.isoformat()}, ensure_ascii=False)


def readable(comment: str) -> str:
    """A kept comment in the active language (one kept as text before stays as it was,
    unless it is itself a message of the catalogues)."""
    if comment.startswith("{"):
        try:
            kept = json.loads(comment)
            message, date = kept["message"], datetime.fromisoformat(kept["date"])
        except (ValueError, KeyError, TypeError):
            return comment
        when = formats.date_format(timezone.localtime(date), "DATETIME_FORMAT")
        return gettext(message) % {"date": when}
    if comment.startswith("["):
        return LogEntry(change_message=comment).get_change_message()
    return gettext(comment) if comment else comment
