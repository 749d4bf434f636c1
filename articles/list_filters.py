"""Filters of the stories list in the admin."""

from __future__ import annotations

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

SCHEDULED = "scheduled"


class StatusFilter(admin.SimpleListFilter):
    """The stories by where they stand, as the list's «الحالة» column names it: a story
    published with its time still to come is «مجدول», not «منشور». Django's own filter
    offered «منشور» alone, listing scheduled stories with live ones and leaving no way to
    see what is due to go out. Its address is Django's (?status__exact=), so links kept
    from before still work; «منشور» now means public."""

    title = _("الحالة")
    parameter_name = "status__exact"

    def lookups(self, request, model_admin):
        Status = Article.Status
        return [
            (Status.DRAFT, Status.DRAFT.label),
            (Status.REVIEW, Status.REVIEW.label),
            (SCHEDULED, _("مجدول")),
            (Status.PUBLISHED, Status.PUBLISHED.label),
            (Status.ARCHIVED, Status.ARCHIVED.label),
        ]

    def queryset(self, request, queryset):
        value, now = self.value(), timezone.now()
        if value == SCHEDULED:
            return queryset.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
        if value == Article.Status.PUBLISHED:
            return queryset.published(now=now)
        if value in Article.Status.values:
            return queryset.filter(status=value)
        return queryset


class BylineFilter(admin.RelatedFieldListFilter):
    """The stories by author; its last choice, the stories with no author named, says so
    where Django wrote a bare «-» under the names."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = _("بلا كاتب")
