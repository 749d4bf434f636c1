"""A story in the admin for those who may read it but not change it: a reporter's own story
once an editor has published, scheduled or archived it.

A save the reporter sends after that (their form open while the editor published) is not
refused with a bare «no permission» page, which lost everything they had typed: the form
comes back holding it, its save buttons gone, saying what became of the story
(ArticleAdminForm refuses the save: the rule is kept there, under the row's lock).

Django shows each field of such a page as text: the body as its HTML source («<p>…</p>»),
the byline and the hashtags joined by a Latin comma, and under the boxes the help on how to
type in them. Here the body reads as the story does, the names as a list in the admin's
language, the typing help is left out, and a note at the top says why the page is only to
be read and what to do instead.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from articles.arabic import isolated
from articles.models import Article

# Each field as it reads, by the ModelAdmin's methods below.
AS_READ = {"body": "body_as_written", "authors": "byline", "tags": "hashtags"}
# Help on how to fill a box, not what it means: nothing to fill here.
TYPING_HELP = ("slug", "image", "tags", "publish_at")


def _field_label(name: str):
    return Article._meta.get_field(name).verbose_name


class ReadOnlyStory:
    """For ArticleAdmin: its change page, when the user may not change the story."""

    def read_only(self, request, obj) -> bool:
        return obj is not None and not self.has_change_permission(request, obj)

    def answering_late_save(self, request) -> bool:
        return getattr(request, "answering_late_save", False)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            request.answering_late_save = True
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not self.read_only(request, obj):
            return fieldsets

        def as_read(field):
            if isinstance(field, (list, tuple)):
                return tuple(as_read(part) for part in field)
            return AS_READ.get(field, field)

        return [
            (name, {**options, "fields": [as_read(f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if self.read_only(request, obj):
            kwargs["help_texts"] = dict.fromkeys(TYPING_HELP, "")
        return super().get_form(request, obj, change=change, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.read_only(request, obj):
            context["read_only_note"] = gettext(
                "هذا المقال «%(status)s» الآن، فلا يعدّله إلا محرر: يعدّل المراسل مسوّداته وما "
                "أرسله إلى المراجعة. إن رأيت فيه ما يحتاج إلى تصحيح فأخبر به محررًا."
            ) % {"status": self.status_label(obj)}
        form = context["adminform"].form
        if form.has_error(NON_FIELD_ERRORS, "taken_from_reporter"):
            # Said alone, without Django's «correct the error below»: there is nothing to
            # correct, and saving again could only be refused again. What is left is to copy.
            context["refused_note"] = " ".join(form.non_field_errors())
            context["errors"] = []
            context.update(show_save=False, show_save_and_continue=False)
            context.update(show_save_and_add_another=False, show_delete=False)
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.display(description=_field_label("body"))
    def body_as_written(self, article: Article):
        bidi = translation.get_language_info(article.language)["bidi"]
        return format_html(
            '<div class="story-as-written" dir="{}" lang="{}">{}</div>',
            "rtl" if bidi else "ltr",
            article.language,
            mark_safe(article.body),  # sanitised on every save, as the story page shows it
        )

    @admin.display(description=_field_label("authors"))
    def byline(self, article: Article) -> str:
        names = [author.name for author in article.authors.all()]
        return gettext("، ").join(names) or self.get_empty_value_display()

    @admin.display(description=_field_label("tags"))
    def hashtags(self, article: Article) -> str:
        names = sorted(article.tags.names())
        # Each set apart: the English admin drew an Arabic hashtag's «#» after its name.
        said = [isolated(f"#{name}") for name in names]
        return gettext("، ").join(said) or self.get_empty_value_display()
