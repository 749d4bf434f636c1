import html
from datetime import date

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.html import strip_tags
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles import search
from articles.arabic import ascii_digits, script_language
from articles.hashtags import as_already_spelled, unusable_hashtags
from articles.models import Article, Section
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


class ArticleAdminForm(forms.ModelForm):
    """The article form; who may choose which status is decided here, server-side.

    It also carries the version the editor started from, so that of two editors saving
    the same story the second is stopped and shown what changed, not silently overwritten.
    """

    user = None  # set by ArticleAdmin.get_form
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
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version

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
            self._check_not_stale(cleaned)
        return cleaned

    def _check_not_stale(self, cleaned) -> None:
        # The admin saves inside a transaction: the row lock makes check-then-save atomic.
        current = Article.objects.select_for_update().get(pk=self.instance.pk)
        started_from = cleaned.get("edit_version")
        if started_from == current.version:
            return
        changed = [
            str(self.fields[name].label)
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
            % {"fields": gettext("، ").join(changed) or _("لا شيء ظاهر (تغيّرت الوسوم أو الصورة)")},
            code="stale",
        )


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
        params={"first": FIRST_DAY.isoformat(), "last": LAST_DAY.isoformat()},
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

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("تاريخ النهاية يسبق تاريخ البداية."))
        return cleaned
