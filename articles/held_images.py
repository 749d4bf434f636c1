"""A lead image chosen on a story's form that comes back unsaved (another field refused,
another editor's save in between) is held, so that it need not be chosen again: a browser
never fills a file box by itself, and the editor would not notice it had emptied.

The upload waits in the cache (shared by the app servers when REDIS_URL is set) as it
was sent, for a day; the form carries its key in a hidden box. Sent back without a new
file, the key brings it back as if it had just been chosen, checked again like any
upload, and the story's save drops it. Never in MEDIA: uploads keep their EXIF (a
reporter's position) until the story's save re-encodes them.
"""

from __future__ import annotations

import contextlib
import secrets
from dataclasses import dataclass

from django.contrib.admin.widgets import AdminFileWidget
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.widgets import FILE_INPUT_CONTRADICTION, CheckboxInput
from django.template.defaultfilters import filesizeformat
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

KEPT_FOR = 24 * 60 * 60  # seconds: a working day and a night, for a form left open
_KEY = "articles:held-image:{}"


@dataclass(frozen=True)
class HeldImage:
    key: str
    name: str
    size: int


class HeldUpload(SimpleUploadedFile):
    """An upload brought back from the cache; ``held_key`` names it there."""

    held_key: str = ""


def hold(upload) -> HeldImage | None:
    """Keep ``upload`` (a file just sent, valid) for the form shown again; None when the
    cache could not take it (the form then asks for the file, as before)."""
    key = getattr(upload, "held_key", "") or secrets.token_urlsafe(18)
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    entry = {"name": upload.name, "content": content, "type": upload.content_type}
    try:
        cache.set(_KEY.format(key), entry, KEPT_FOR)
    except Exception:  # a cache that is down holds nothing: the file is chosen again
        return None
    return HeldImage(key=key, name=upload.name, size=len(content))


def release(key: str) -> HeldUpload | None:
    """The upload held under ``key``, as a new upload; None once it is gone."""
    if not key or len(key) > 64:
        return None
    try:
        entry = cache.get(_KEY.format(key))
    except Exception:
        return None
    if not entry:
        return None
    upload = HeldUpload(entry["name"], entry["content"], entry["type"])
    upload.held_key = key
    return upload


def discard(key: str) -> None:
    """Forget the upload held under ``key`` (the story it was for is saved)."""
    with contextlib.suppress(Exception):  # it expires by itself
        cache.delete(_KEY.format(key))


class HeldImageInput(AdminFileWidget):
    """The admin's file box, and under it the image held for this form, if any: its name,
    its key in a hidden box, and a box to tick to leave it out."""

    held: HeldImage | None = None  # set by the form that holds an image
    lost = False  # sent back with a key whose image the cache no longer has

    def held_name(self, name: str) -> str:
        return f"{name}-held"

    def drop_name(self, name: str) -> str:
        return f"{name}-held-drop"

    def value_from_datadict(self, data, files, name):
        upload = super().value_from_datadict(data, files, name)
        key = data.get(self.held_name(name), "")
        if not key or upload not in (None, False):
            return upload
        if CheckboxInput().value_from_datadict(data, files, self.drop_name(name)):
            return upload
        held = release(key)
        if held is None:
            self.lost = True
            return upload
        # Ticking «clear» for the saved image while keeping the held one says two things.
        return FILE_INPUT_CONTRADICTION if upload is False else held

    def value_omitted_from_data(self, data, files, name):
        return super().value_omitted_from_data(data, files, name) and (
            self.held_name(name) not in data
        )

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.held is None:
            return html
        drop_id = f"id_{self.drop_name(name)}"
        said = conditional_escape(
            gettext(
                "اخترتَ الصورة «%(name)s» (%(size)s)، وهي محفوظة مع النموذج: لا حاجة إلى "
                "اختيارها من جديد، وتُحفظ مع المقال ما لم تختر غيرها."
            )
        ) % {
            "name": format_html("<bdi>{}</bdi>", self.held.name),
            "size": conditional_escape(filesizeformat(self.held.size)),
        }
        return html + format_html(
            '<p class="held-image"><input type="hidden" name="{}" value="{}">{} '
            '<span class="held-image-drop"><input type="checkbox" name="{}" id="{}">'
            ' <label for="{}">{}</label></span></p>',
            self.held_name(name),
            self.held.key,
            mark_safe(said),  # escaped above, its parts built safe
            self.drop_name(name),
            drop_id,
            drop_id,
            gettext("لا تحفظها"),
        )
