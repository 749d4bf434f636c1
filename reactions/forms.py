from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from articles.arabic import isolated
from articles.forms import FIRST_DAY, DayField, out_of_range
from articles.models import Article
from articles.time_zones import newsroom_city
from reactions.models import ModerationAction

# The help text is made once, at import: the city is named in the language of each request.
lazy_newsroom_city = lazy(newsroom_city, str)

MAX_PERIOD_DAYS = 366
BIGINT_MAX = 2**63 - 1


class _Shared:
    """A field no form instance changes, shared by all of them: Django deep-copies every
    field (widget, validators, messages) for each form, a tenth of a tap's Python."""

    def __deepcopy__(self, memo):
        return self


class _SharedSlugField(_Shared, forms.SlugField):
    pass


class _SharedCharField(_Shared, forms.CharField):
    pass


class ReactForm(forms.Form):
    """A tap, from a form post or a JSON body; ``next`` marks a browser without script.

    Read on every tap and never rendered: its fields are shared, not copied per form.
    """

    kind = _SharedSlugField(max_length=32)
    next = _SharedCharField(max_length=2000, required=False)


class ArticleField(forms.IntegerField):
    """A story by its number, the story itself once clean: a number naming none (a story
    deleted since, a mistyped link) is an error, never "every story"."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=BIGINT_MAX, **kwargs)

    def clean(self, value) -> Article | None:
        number = super().clean(value)
        if number is None:
            return None
        article = Article.objects.filter(pk=number).first()
        if article is None:
            raise forms.ValidationError(_("لا يوجد مقال بهذا الرقم."), code="no_article")
        return article


class StoryForm(forms.Form):
    """The dashboard narrowed to one story (``?article=``), its counts over time."""

    article = ArticleField(label=_("رقم المقال"), required=False, widget=forms.HiddenInput)


class PeriodForm(forms.Form):
    """A period of whole days in the site's time zone; the last seven by default."""

    start = DayField(label=_("من"), required=False)
    end = DayField(label=_("إلى"), required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data  # a day that did not parse: no period to check
        today = timezone.localdate()
        end = data.get("end") or today
        if data.get("start"):
            start = data["start"]
        elif end - FIRST_DAY < timedelta(days=6):
            raise out_of_range()
        else:
            start = end - timedelta(days=6)
        if start > end:
            raise forms.ValidationError(_("بداية الفترة بعد نهايتها."))
        if (end - start).days >= MAX_PERIOD_DAYS:
            raise forms.ValidationError(_("الفترة أطول من سنة."))
        data["start"], data["end"] = start, end
        return data

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) as aware datetimes: from the first day's midnight to the day after.

        An invalid period falls back to the default one (the form still shows its errors).
        """
        data = self.cleaned_data if self.is_valid() else PeriodForm({}).cleaned_default()
        tz = timezone.get_current_timezone()
        start = datetime.combine(data["start"], time.min, tzinfo=tz)
        end = datetime.combine(data["end"] + timedelta(days=1), time.min, tzinfo=tz)
        return start, end

    def cleaned_default(self) -> dict:
        self.is_valid()
        return self.cleaned_data


class MomentField(forms.DateTimeField):
    """A moment typed as the dashboard's links write it («2026-12-03 14:30»; Django reads
    Eastern Arabic digits too): the box says how, and so does its error."""

    # The example set apart, left to right: inside an Arabic sentence its digits took the
    # sentence's direction, and «2026-12-03 14:30» was drawn «14:30 03-12-2026».
    EXAMPLE = isolated("2026-12-03 14:30")
    default_error_messages = {
        "invalid": format_lazy(_("اكتب التاريخ والوقت بهذا الشكل: {example}"), example=EXAMPLE)
    }

    def __init__(self, **kwargs):
        help_text = format_lazy(
            _("مثل {example}، بتوقيت {zone}."), example=self.EXAMPLE, zone=lazy_newsroom_city()
        )
        # Codes and times, read left to right on an Arabic page too.
        widget = forms.DateTimeInput({"dir": "ltr"})
        super().__init__(widget=widget, help_text=help_text, **kwargs)


class VoidScopeForm(forms.Form):
    """What to void: one reaction, a reader, or an address hash, optionally when and where."""

    scope = forms.ChoiceField(label=_("النطاق"), choices=ModerationAction.Scope.choices)
    # Codes and times, read left to right on an Arabic page too (a hash lost its start).
    target = forms.CharField(
        label=_("الهدف"), max_length=64, widget=forms.TextInput({"dir": "ltr"})
    )
    article = ArticleField(label=_("رقم المقال"), required=False)
    start = MomentField(label=_("من"), required=False)
    end = MomentField(label=_("إلى"), required=False)

    def clean_target(self):
        target = self.cleaned_data["target"].strip()
        if self.cleaned_data.get("scope") == ModerationAction.Scope.REACTION and not (
            target.isascii() and target.isdigit() and int(target) <= BIGINT_MAX
        ):
            raise forms.ValidationError(_("رقم التفاعل غير صالح."))
        if not target.isascii() or not target.isalnum():
            raise forms.ValidationError(_("الهدف غير صالح."))
        return target

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] >= data["end"]:
            raise forms.ValidationError(_("بداية الفترة بعد نهايتها."))
        return data


class VoidForm(VoidScopeForm):
    """The scope, and why: every moderation action is logged with its reason."""

    reason = forms.CharField(
        label=_("السبب"), max_length=1000, widget=forms.Textarea({"rows": 3}), strip=True
    )
