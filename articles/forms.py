from django import forms
from django.utils.translation import gettext_lazy as _

from articles import search
from articles.models import Article, Section
from articles.roles import can_publish

REPORTER_STATUSES = {Article.Status.DRAFT, Article.Status.REVIEW}


class ArticleAdminForm(forms.ModelForm):
    """The article form; who may choose which status is decided here, server-side."""

    user = None  # set by ArticleAdmin.get_form

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

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status not in REPORTER_STATUSES and not can_publish(self.user):
            raise forms.ValidationError(
                _("لا تملك صلاحية النشر. أرسل المقال للمراجعة ليتولّى المحرر نشره.")
            )
        return status


class SearchForm(forms.Form):
    """The reader's search box and filters. Absurd input is trimmed, never an error page."""

    q = forms.CharField(label=_("ابحث في الأخبار"), required=False, strip=True)
    section = forms.ModelChoiceField(
        label=_("القسم"),
        queryset=Section.objects.order_by("order", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("كل الأقسام"),
    )
    start = forms.DateField(
        label=_("من تاريخ"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("إلى تاريخ"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_q(self):
        return self.cleaned_data["q"][: search.MAX_QUERY_CHARS]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("تاريخ النهاية يسبق تاريخ البداية."))
        return cleaned
