"""The hashtags admin's action «دمج الوسوم المحددة»: a confirmation page listing the chosen
hashtags with their stories, where the editor picks the one to keep (Django's pattern for
actions with an intermediate page, as its own delete_selected)."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from articles.hashtag_merge import HashtagsGone, merge_hashtags, merged_message


class MergeHashtagsForm(forms.Form):
    keep = forms.TypedChoiceField(
        label=_("الوسم الذي يبقى"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("اختر الوسم الذي يبقى."),
            "invalid_choice": _("اختر الوسم الذي يبقى من بين الوسوم المحددة."),
        },
    )

    def __init__(self, *args, hashtags, **kwargs):
        super().__init__(*args, **kwargs)
        self.hashtags = hashtags
        self.fields["keep"].choices = [(tag.pk, f"#{tag.name}") for tag in hashtags]
        self.fields["keep"].initial = hashtags[0].pk

    def clean_keep(self):
        keep = self.cleaned_data["keep"]
        moving = sum(tag.story_count for tag in self.hashtags if tag.pk != keep)
        limit = settings.NEWSROOM_MERGE_IN_ADMIN_LIMIT
        if moving > limit:
            raise forms.ValidationError(
                ngettext(
                    "يُنقل بهذا الدمج مقال واحد، وصفحة الدمج لا تنقل أكثر من %(limit)d مقال في "
                    "المرة الواحدة، فلم يُدمج شيء. اطلب من الفريق التقني دمجها بالأمر "
                    "merge_hashtags.",
                    "يُنقل بهذا الدمج %(count)d مقالًا، وصفحة الدمج لا تنقل أكثر من %(limit)d مقال "
                    "في المرة الواحدة، فلم يُدمج شيء. اطلب من الفريق التقني دمجها بالأمر "
                    "merge_hashtags.",
                    moving,
                )
                % {"count": moving, "limit": limit},
                code="too_many_stories",
            )
        return keep


GONE = _(
    "لم يعد أحد الوسوم المحددة موجودًا (حُذف أو دُمج في وسم آخر بعد أن فتحت صفحة الدمج)، "
    "فلم يُدمج شيء. اختر الوسوم من جديد."
)


@admin.action(description=_("دمج الوسوم المحددة"), permissions=["merge"])
def merge_selected(modeladmin, request, queryset):
    # The list's queryset counts each hashtag's stories; the most used is offered first.
    hashtags = sorted(queryset, key=lambda tag: (-tag.story_count, tag.name))
    confirmed = "post" in request.POST
    chosen = set(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
    if confirmed and chosen != {str(tag.pk) for tag in hashtags}:
        modeladmin.message_user(request, GONE, messages.ERROR)
        return None
    if len(hashtags) < 2:
        modeladmin.message_user(
            request, gettext("اختر وسمين مختلفين أو أكثر لدمجها."), messages.WARNING
        )
        return None
    form = MergeHashtagsForm(request.POST if confirmed else None, hashtags=hashtags)
    if form.is_valid():
        keep = form.cleaned_data["keep"]
        try:
            merged = merge_hashtags(
                keep=keep, merge=[tag.pk for tag in hashtags if tag.pk != keep], user=request.user
            )
        except HashtagsGone:
            modeladmin.message_user(request, GONE, messages.ERROR)
            return None
        modeladmin.message_user(request, merged_message(merged), messages.SUCCESS)
        return None
    opts = modeladmin.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": gettext("دمج الوسوم"),
        "subtitle": None,
        "opts": opts,
        "form": form,
        "hashtags": hashtags,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": modeladmin.media,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(
        request,
        f"admin/{opts.app_label}/{opts.model_name}/merge_selected_confirmation.html",
        context,
    )
