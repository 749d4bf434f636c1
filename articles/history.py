"""A story's history («سجل التعديلات»), read in the language of whoever opens it.

django-reversion keeps each revision's comment as text in the language of the editor who
saved, so an English-speaking editor's saves read in English to an Arabic one. Comments are
kept untranslated instead and translated when the page is drawn: Django's change messages
as Django's JSON, ours as their msgid (the Arabic text), with a date as JSON beside it.
"""

import json
from datetime import datetime

from django.contrib.admin.models import LogEntry
from django.utils import formats, timezone, translation
from django.utils.text import capfirst, get_text_list
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
        return _change_message(comment)
    return gettext(comment) if comment else comment


def _change_message(comment: str) -> str:
    """Django's change message (JSON), its fields listed by text_list, and a status line
    of ours (``{"status": <a kept comment>}``, ArticleAdmin) before them."""
    try:
        entries = json.loads(comment)
    except ValueError:
        return comment
    sentences = []
    for entry in entries:
        if "status" in entry:
            sentences.append(readable(entry["status"]))
            continue
        fields = entry.get("changed", {}).get("fields", [])
        if fields:
            # Listed here, as one name Django leaves as it is (no msgid reads like that).
            entry["changed"]["fields"] = [text_list([field_name(field) for field in fields])]
        sentences.append(LogEntry(change_message=json.dumps([entry])).get_change_message())
    return " ".join(sentences) or LogEntry(change_message="[]").get_change_message()


def field_name(label: str) -> str:
    """A changed field's name as Django keeps it, in the active language.

    Django keeps a form's label untranslated («First name»): capitalised from its model
    field's verbose name («first name»), which is what its catalogues translate.
    """
    translated = gettext(label)
    if translated != label or not label[:1].isupper():
        return translated
    verbose_name = label[:1].lower() + label[1:]
    translated = gettext(verbose_name)
    return label if translated == verbose_name else capfirst(translated)


def text_list(items: list[str]) -> str:
    """``items`` as a list in the active language: "Title, Deck and Body", and in Arabic
    «العنوان والموجز ونص الخبر», with «و» joined to the word after it (Django's
    get_text_list writes «العنوان و نص الخبر», a space no translation can take away)."""
    items = [str(item) for item in items]
    if translation.get_language() == "ar":
        return " و".join(items)
    return get_text_list(items, gettext("و"))


class ReadableHistory:
    """For a ModelAdmin: its history page reads each line through readable(), in the
    reader's language and with the fields listed by text_list."""

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        for entry in getattr(response, "context_data", {}).get("action_list", []):
            entry.change_message = readable(entry.change_message)
        return response
