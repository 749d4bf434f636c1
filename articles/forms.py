from django import forms
from django.utils.translation import gettext_lazy as _

from articles.models import Article
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
