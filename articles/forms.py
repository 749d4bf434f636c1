import html
import unicodedata
from datetime import date

from django import forms
from django.conf import settings
from django.contrib.admin.widgets import AdminSplitDateTime, AdminTextInputWidget
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils import formats, timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import conflicts, held_images, history, search
from articles.arabic import ascii_digits, isolated, script_language
from articles.hashtags import as_already_spelled, unusable_hashtags
from articles.models import Article, Section, arabic_slug
from articles.roles import can_publish

REPORTER_STATUSES = {Article.Status.DRAFT, Article.Status.REVIEW}
# The days a period may cover (the search's dates, the moderators' periods): far from the
# calendar's ends, so the day after the last one and a week before it always exist.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(9998, 12, 31)


class AdminSplitDateTimeAnyDigits(AdminSplitDateTime):
    """The admin's date and time boxes (ArticleAdmin's publish_at), reading «٢٠٢٦-٠٣-١٥»
    and «۰۹:۳۰» as typed on an Arabic or Persian keyboard: Django's parsers know only 0-9."""

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name)
        return [ascii_digits(v) if isinstance(v, str) else v for v in values]


class SlugTypedAsWords(forms.SlugField):
    """An address typed as words: «خبر عاجل اليوم» is «خبر-عاجل-اليوم», Arabic letters kept,
    as a slug left empty is made from the title. Django refused spaces and signs with
    «أدخل اختصار 'slug' صحيح يتكون من أحرف Unicode…», words no editor should have to read."""

    def to_python(self, value):
        typed = super().to_python(value)
        slug = arabic_slug(typed, max_length=min(self.max_length or 200, 200))
        if typed and not slug:
            raise forms.ValidationError(
                _("لا حرف ولا رقم في المعرّف. اكتبه حروفًا وأرقامًا تصل بينها شرطات (-)."),
                code="invalid",
            )
        return slug


# For the admins' formfield_overrides: every slug on their forms is typed as words, in the
# admin's text box (vTextField: the story form's CSS gives it the form's width). An entry
# for SlugField takes the place of Django's for CharField, widget included.
SLUGS_TYPED_AS_WORDS = {
    models.SlugField: {"form_class": SlugTypedAsWords, "widget": AdminTextInputWidget}
}


def _visible(char: str) -> bool:
    """Whether ``char`` shows on its own: not a space, an invisible format character (zero
    width, direction marks) or a mark that only sits on a letter (tashkeel)."""
    return not char.isspace() and unicodedata.category(char) not in {"Cf", "Mn", "Me"}


class ArticleAdminForm(forms.ModelForm):
    """The article form; who may choose which status is decided here, server-side.

    It also carries the version the editor started from, so that of two editors saving
    the same story the second is stopped and shown what changed, not silently overwritten.
    """

    user = None  # set by ArticleAdmin.get_form
    restoring = False  # set by ArticleAdmin.get_form: the form restores an old version
    # Set by ArticleAdmin.get_form when restoring: the old version's hashtags merged or
    # deleted since, as they are now (articles.hashtag_restore).
    restored_hashtags = ()
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "deck", "agency", "city", "authors", "body",
            "image", "image_caption", "image_credit", "image_alt",
            "section", "tags", "language", "status", "publish_at", "reactions_closed",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.fields.get("status")
        if status is not None and self.user is not None and not can_publish(self.user):
            status.choices = [c for c in status.choices if c[0] in REPORTER_STATUSES]
            status.help_text = _(
                "حين ينتهي الخبر اختر «قيد المراجعة» واحفظه: يراجعه محرر ثم ينشره أو يجدوله. "
                "النشر والجدولة للمحررين وحدهم."
            )
        elif status is not None and self.instance.is_scheduled:
            # «منشور» with a time to come: the list says «مجدول», the form alone did not.
            when = timezone.localtime(self.instance.publish_at)
            status.help_text = _(
                "هذا المقال مجدول: يظهر للقراء في %(date)s. لنشره الآن امسح موعد النشر ثم احفظ."
            ) % {"date": formats.date_format(when, "DATETIME_FORMAT")}
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
        # Where the story stood before this form's save (articles.transitions).
        self.status_before = (
            (self.instance.status, self.instance.publish_at) if self.instance.pk else None
        )
        if self.restored_hashtags and "tags" in self.fields:
            self.initial["tags"] = self._with_restored(self.initial.get("tags") or [])
        self._follow_story_language()

    def _with_restored(self, tags) -> list:
        names = {tag.name.casefold() for tag in tags}
        restored = [tag for tag in self.restored_hashtags if tag.name.casefold() not in names]
        return [*tags, *{tag.name.casefold(): tag for tag in restored}.values()]

    # The story's own words read in its language's direction, in either admin language
    # (an Arabic story in the English admin). Names that may be in either script (an
    # agency, a city, a photo credit, the address) read in the direction of what they
    # say once they say something («Reuters» in an Arabic story).
    story_text = ("title", "deck", "body", "image_caption", "image_alt", "tags")
    story_names = ("slug", "agency", "city", "image_credit")

    def _follow_story_language(self) -> None:
        language = self["language"].value() if "language" in self.fields else None
        if language not in dict(settings.LANGUAGES):
            language = self.instance.language
        direction = "rtl" if translation.get_language_info(language)["bidi"] else "ltr"
        # articles/admin/article_form.js turns those marked data-story-text when the
        # story's language is changed on the form.
        for name in self.story_text:
            if name in self.fields:
                attrs = {"dir": direction, "lang": language, "data-story-text": ""}
                self.fields[name].widget.attrs.update(attrs)
        for name in self.story_names:
            if name in self.fields:
                typed = self[name].value()
                attrs = {"dir": "auto"} if typed else {"dir": direction, "data-story-text": ""}
                self.fields[name].widget.attrs.update(attrs)

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            self._hold_chosen_image()

    def _hold_chosen_image(self) -> None:
        """The form comes back unsaved: the image just chosen (and valid) stays chosen."""
        upload = self.cleaned_data.get("image")
        widget = self.fields["image"].widget if "image" in self.fields else None
        if isinstance(upload, UploadedFile) and isinstance(widget, held_images.HeldImageInput):
            widget.held = held_images.hold(upload)

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if getattr(self.fields["image"].widget, "lost", False):
            raise forms.ValidationError(
                _("لم تعد الصورة التي اخترتها من قبل محفوظة مع النموذج. اخترها من جديد."),
                code="held_image_lost",
            )
        return image

    def save(self, commit=True):
        held_key = getattr(self.cleaned_data.get("image"), "held_key", "")
        if held_key:  # the story now has it: the held copy is done with
            transaction.on_commit(lambda: held_images.discard(held_key))
        return super().save(commit)

    def clean_title(self):
        # Zero-width spaces, direction marks or lone tashkeel pass Django's "required" (it
        # strips only spaces): the story went out with an empty headline, and its line in
        # the stories list had no title to click.
        title = self.cleaned_data["title"]
        if not any(_visible(char) for char in title):
            raise forms.ValidationError(self.fields["title"].error_messages["required"], "required")
        return title

    def clean_publish_at(self):
        # «0001-01-01» is a date Django takes, but in Riyadh's time zone of that year it is
        # before year 1 in UTC: PostgreSQL keeps it, and then every read of the row fails
        # (the stories list answered 500 for every editor). «9999-12-31» made the list's
        # date links fail. The day as typed, not converted: converting is what overflows.
        moment = self.cleaned_data.get("publish_at")
        if moment is not None and not FIRST_DAY <= moment.date() <= LAST_DAY:
            raise out_of_range()
        return moment

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status not in REPORTER_STATUSES and not can_publish(self.user):
            raise forms.ValidationError(
                _("لا تملك صلاحية النشر. أرسل المقال للمراجعة ليتولّى المحرر نشره.")
            )
        return status

    def clean_body(self):
        body = self.cleaned_data["body"]
        # The editor leaves empty paragraphs behind (<p></p><p> </p>): no words, no story.
        if not html.unescape(strip_tags(body or "")).strip():
            raise forms.ValidationError(_("اكتب نص الخبر: فقرة واحدة على الأقل."), code="required")
        return body

    def clean_tags(self):
        unusable = unusable_hashtags(self.data.get(self.add_prefix("tags"), ""))
        if unusable:
            raise forms.ValidationError(
                _("لا حرف ولا رقم في هذا الوسم: %(tags)s. الوسم حروف وأرقام وشرطة سفلية (_).")
                % {"tags": gettext("، ").join(unusable)},
                code="unusable_hashtag",
            )
        return as_already_spelled(self.cleaned_data["tags"])

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            if self.user is not None and not can_publish(self.user):
                self._check_still_the_reporters()
            self._check_not_stale(cleaned)
        return cleaned

    def _check_still_the_reporters(self) -> None:
        """A reporter changes their drafts and stories in review only: one an editor has
        published, scheduled or archived since their form was opened is not theirs to save."""
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        if current.status in REPORTER_STATUSES:
            return
        status = _("مجدول") if current.is_scheduled else current.get_status_display()
        raise forms.ValidationError(
            _(
                "صار هذا المقال «%(status)s» بعد أن فتحته، فلم يُحفظ تعديلك: لا يعدّل المراسل إلا "
                "مسوّداته وما أرسله إلى المراجعة. ما كتبتَه باقٍ أدناه، فانسخ منه ما تحتاج إليه "
                "وأرسله إلى محرر."
            )
            % {"status": status},
            code="taken_from_reporter",
        )

    def _check_not_stale(self, cleaned) -> None:
        # The admin saves inside a transaction: the row lock makes check-then-save atomic.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        started_from = cleaned.get("edit_version")
        if started_from == current.version:
            return
        if self.restoring:
            raise forms.ValidationError(
                _(
                    "عدّل شخص آخر هذا المقال بعد أن فتحت هذه النسخة، فلم تُستعد كي لا يضيع "
                    "تعديله. افتح سجل التعديلات من جديد لترى تعديله، ثم استعد النسخة إن "
                    "بقيت تريدها."
                ),
                code="stale",
            )
        opened = conflicts.as_opened(current, started_from) if started_from else None
        if opened is None:
            self._stale_without_revision(current, cleaned)
        now = conflicts.as_saved(current)
        theirs = [name for name in self.fields if name in now and opened[name] != now[name]]
        if not theirs:
            return  # nothing on this form changed since it was opened: nothing to overwrite
        mine = conflicts.as_submitted(cleaned)
        # Changed by both: what this editor submitted is neither (a field with an error
        # counts as theirs to keep too).
        both = [
            name for name in theirs if mine.get(name, object()) not in (opened[name], now[name])
        ]
        taken = [name for name in theirs if name not in both]
        # The form shown again holds their changes beside the editor's own, and may be
        # saved as it is: what the editor typed is never lost, theirs is not overwritten
        # unless the editor changed the same field (and is told so).
        self.data = self.data.copy()
        for name in taken:
            self._show_saved(name, current)
        self.data[self.add_prefix("edit_version")] = str(current.version)
        sentences = [
            _(
                "عدّل شخص آخر هذا المقال بعد أن فتحته، فلم يُحفظ تعديلك كي لا يضيع تعديله. "
                "الحقول التي غيّرها: %(fields)s."
            )
            % {"fields": self._labels(theirs)}
        ]
        if taken:
            sentences.append(
                _("أُضيف إلى النموذج تعديله في %(fields)s، وبقي فيه ما كتبتَه أنت.")
                % {"fields": self._labels(taken)}
            )
        if both:
            sentences.append(
                _("غيّرتَ أنت أيضًا %(fields)s: يعرض النموذج ما كتبتَه أنت، وإن حفظته حلّ محلّ ما كتبه.")
                % {"fields": self._labels(both)}
            )
        sentences.append(_("راجع النموذج ثم احفظه."))
        raise forms.ValidationError(" ".join(str(s) for s in sentences), code="stale")

    def _stale_without_revision(self, current: Article, cleaned) -> None:
        """No revision kept the version this form was opened on: it can only be compared
        with the story as it is now."""
        changed = [
            name
            for name in self.fields
            if name in cleaned
            and name not in {"edit_version", "tags", "authors", "image"}
            and getattr(current, name) != cleaned[name]
        ]
        raise forms.ValidationError(
            _(
                "عدّل شخص آخر هذا المقال بعد أن فتحته، ولم يُحفظ تعديلك كي لا يضيع تعديله. "
                "الحقول التي تختلف عن النسخة المحفوظة الآن: %(fields)s. "
                "افتح المقال من جديد لترى النسخة الأخيرة ثم أعد تعديلك."
            )
            % {"fields": self._labels(changed) or _("لا شيء ظاهر (تغيّرت الوسوم أو الصورة)")},
            code="stale",
        )

    def _labels(self, names: list[str]) -> str:
        return history.text_list([str(self.fields[name].label) for name in names])

    def _show_saved(self, name: str, article: Article) -> None:
        """Put the story's saved value of ``name`` in the submitted data, as its widget
        would send it (an image cannot be: the story keeps its own unless one is uploaded)."""
        field = self.fields[name]
        widget = getattr(field.widget, "widget", field.widget)  # the admin's related-field wrapper
        key = self.add_prefix(name)
        value = field.prepare_value(forms.model_to_dict(article, [name])[name])
        if isinstance(widget, forms.FileInput):
            return
        if isinstance(widget, forms.MultiWidget):  # the publication time's date and time
            parts = zip(widget.decompress(value), widget.widgets, widget.widgets_names, strict=True)
            for part, box, suffix in parts:
                self.data[key + suffix] = box.format_value(part) or ""
        elif isinstance(widget, forms.CheckboxInput):
            if value:
                self.data[key] = "on"
            else:
                self.data.pop(key, None)
        elif isinstance(widget, forms.SelectMultiple):
            self.data.setlist(key, [str(v) for v in value])
        else:
            shown = widget.format_value(value)
            if isinstance(shown, list):  # a menu's choice
                shown = shown[0] if shown else ""
            self.data[key] = shown or ""


class SectionSelect(forms.Select):
    """Sections by name, each marked with its script's language, on the English site too."""

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["value"]:  # not "all sections", which is interface text
            option["attrs"].update(lang=script_language(option["label"]), dir="auto")
        return option


class DayField(forms.DateField):
    """A day between FIRST_DAY and LAST_DAY, typed with Western or Eastern Arabic digits."""

    def __init__(self, **kwargs):
        attrs = {"type": "date", "min": FIRST_DAY.isoformat(), "max": LAST_DAY.isoformat()}
        super().__init__(widget=forms.DateInput(attrs), **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = ascii_digits(value)
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is not None and not FIRST_DAY <= value <= LAST_DAY:
            raise out_of_range()


def out_of_range() -> forms.ValidationError:
    return forms.ValidationError(
        _("التاريخ خارج المدى المقبول (من %(first)s إلى %(last)s)."),
        code="out_of_range",
        # Each day set apart: in the Arabic sentence «1900-01-01» was drawn «01-01-1900».
        params={"first": isolated(FIRST_DAY.isoformat()), "last": isolated(LAST_DAY.isoformat())},
    )


class SearchForm(forms.Form):
    """The reader's search box and filters. Absurd input is trimmed, never an error page."""

    q = forms.CharField(label=_("ابحث في الأخبار"), required=False, strip=True)
    section = forms.ModelChoiceField(
        label=_("القسم"),
        queryset=Section.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("كل الأقسام"),
        widget=SectionSelect,
    )
    start = DayField(label=_("من تاريخ"), required=False)
    end = DayField(label=_("إلى تاريخ"), required=False)

    def clean_q(self):
        return self.cleaned_data["q"][: search.MAX_QUERY_CHARS]

    def is_filtered(self) -> bool:
        """Whether a valid search is narrowed to a section or to dates."""
        return self.is_valid() and any(
            self.cleaned_data[name] for name in ("section", "start", "end")
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("تاريخ النهاية يسبق تاريخ البداية."))
        return cleaned
