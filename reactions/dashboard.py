"""The moderators' pages inside the admin: dashboard, void, undo, CSV export.

Wired in by ``ReactionAdmin.get_urls`` behind ``admin_view`` (staff only); each view
also requires the ``moderate_reactions`` permission (the Moderators group, superusers).
"""

from __future__ import annotations

import csv
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language, get_language_bidi, ngettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from articles.arabic import numbering_system
from articles.models import Article
from articles.time_zones import city_of
from reactions import charts, stats
from reactions.forms import PeriodForm, StoryForm, VoidForm, VoidScopeForm
from reactions.models import ModerationAction, ReactionKind
from reactions.services import (
    last_void_in_scope,
    reactions_in_scope,
    undo_void,
    void_reactions,
)

MODERATE = "reactions.moderate_reactions"
STORIES_LISTED = 10  # on the void page, of the stories a void would take reactions from


def require_moderator(request: HttpRequest) -> None:
    if not (request.user.is_active and request.user.has_perm(MODERATE)):
        raise PermissionDenied


def dashboard(request: HttpRequest, admin_context: dict) -> HttpResponse:
    require_moderator(request)
    period = PeriodForm(request.GET or None)
    start, end = period.bounds()
    last_day = (end - timedelta(days=1)).date()
    kinds = list(ReactionKind.objects.all())
    for kind in kinds:
        kind.display_label = kind.label(get_language())
    sort = request.GET.get("sort", "total")
    if sort not in {"total", "title", *(kind.slug for kind in kinds)}:
        sort = "total"
    # One story's counts over time, its bursts (?article=), or every story's.
    story_form = StoryForm(request.GET)
    story = story_form.cleaned_data["article"] if story_form.is_valid() else None
    story_id = story.pk if story else None
    rows = stats.counts_by_article(start, end, story_id)
    unit, points = stats.timeline(start, end, story_id)
    context = {
        **admin_context,
        "title": _("لوحة متابعة التفاعلات"),
        # The boxes hold the days shown (empty, they said nothing of the default week);
        # a period that failed stays as typed, beside its error.
        "period": period
        if period.errors
        else PeriodForm(initial={"start": start.date(), "end": last_day}),
        "presets": _presets(request, start.date(), last_day),
        "start": start,
        "end": end,
        "last_day": last_day,
        # An invalid period shows the default one: the export link names the days shown.
        "export_query": _query_with(request, start=f"{start:%Y-%m-%d}", end=f"{last_day:%Y-%m-%d}"),
        "kinds": kinds,
        "sort": sort,
        "rows": [
            (row, [row.counts.get(kind.slug, 0) for kind in kinds])
            for row in stats.sort_rows(rows, sort)[:200]
        ],
        "sort_query": _query_without(request, "sort"),
        "story_form": story_form,
        "story": story,
        "story_is_public": story is not None
        and Article.objects.published().filter(pk=story.pk).exists(),
        "story_query": _query_without(request, "article"),
        "every_story_query": _query_without(request, "article").rstrip("&"),
        "row_count": len(rows),
        "total": sum(row.total for row in rows),
        "unit": unit,
        "chart": charts.bar_chart(
            points,
            unit=unit,
            rtl=get_language_bidi(),
            numbering=numbering_system(get_language(), settings.NEWSROOM_EASTERN_ARABIC_DIGITS),
        ),
        # Not "time_zone": the admin's base.html sets that one to the zone's identifier.
        "zone_city": city_of(timezone.get_current_timezone_name()),
        "top": stats.top_per_kind(rows, [kind for kind in kinds if kind.active]),
        "suspicious": stats.suspicious(start, end, story_id),
        "window_minutes": int(stats.BURST_WINDOW.total_seconds() // 60),
        "burst_min": stats.BURST_MIN_REACTIONS,
        "readers_min": stats.MANY_READERS_MIN,
    }
    return TemplateResponse(request, "reactions/admin/dashboard.html", context)


def _presets(request: HttpRequest, first_day: date, last_day: date) -> list[dict]:
    """The periods a moderator asks for most, one click each (the story and sort kept)."""
    today = timezone.localdate()
    periods = [
        (pgettext("الفترة", "اليوم"), today, today),  # "Today"; alone, the chart's "Day"
        (_("أمس"), today - timedelta(days=1), today - timedelta(days=1)),
        (_("آخر 7 أيام"), today - timedelta(days=6), today),
        (_("آخر 30 يومًا"), today - timedelta(days=29), today),
    ]
    return [
        {
            "label": label,
            "query": _query_with(request, start=start.isoformat(), end=end.isoformat()),
            "current": (start, end) == (first_day, last_day),
        }
        for label, start, end in periods
    ]


def _query_without(request: HttpRequest, name: str) -> str:
    """The current query string minus ``name``, ready for ``&name=...`` to follow."""
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode() + "&" if query else ""


def _query_with(request: HttpRequest, **values: str) -> str:
    query = request.GET.copy()
    for name, value in values.items():
        query[name] = value
    return query.urlencode()


def export_csv(request: HttpRequest, admin_context: dict) -> HttpResponse:
    require_moderator(request)
    period = PeriodForm(request.GET or None)
    if request.GET and not period.is_valid():
        # Never the default week in place of the period asked for: say what is wrong.
        problems = [str(error) for errors in period.errors.values() for error in errors]
        message = _("لم يُصدَّر شيء: الفترة غير صالحة.") + "\n" + "\n".join(problems) + "\n"
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    story_form = StoryForm(request.GET)
    if not story_form.is_valid():
        problems = [str(error) for error in story_form.errors["article"]]
        message = _("لم يُصدَّر شيء: المقال غير موجود.") + "\n" + "\n".join(problems) + "\n"
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    story = story_form.cleaned_data["article"]
    start, end = period.bounds()
    last_day = (end - timedelta(days=1)).date()
    kinds = list(ReactionKind.objects.all())
    rows = stats.sort_rows(stats.counts_by_article(start, end, story and story.pk), "total")
    days = f"{start:%Y%m%d}-{last_day:%Y%m%d}"
    filename = f"reactions-{story.pk}-{days}.csv" if story else f"reactions-{days}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet programs read the Arabic titles as UTF-8
    writer = csv.writer(response)
    writer.writerow(["article_id", "title", *(kind.slug for kind in kinds), "total"])
    for row in rows:
        counts = [row.counts.get(kind.slug, 0) for kind in kinds]
        writer.writerow([row.article_id, _safe_cell(row.title), *counts, row.total])
    return response


def _safe_cell(text: str) -> str:
    """Keep a spreadsheet from reading a title as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@require_http_methods(["GET", "POST"])
def void(request: HttpRequest, admin_context: dict) -> HttpResponse:
    """GET shows what would be voided (links from the dashboard prefill it); POST voids."""
    require_moderator(request)
    if request.method == "POST":
        form = VoidForm(request.POST)
        scope_form = VoidScopeForm(request.POST)
    elif request.GET:
        # A preview: the scope's errors show at once, not only when the void is submitted;
        # the reason is asked for then.
        form = VoidForm(request.GET)
        scope_form = VoidScopeForm(request.GET)
        if not request.GET.get("reason"):
            form.errors.pop("reason", None)
    else:
        form = VoidForm()
        scope_form = VoidScopeForm(request.GET)
    affected, by_story = None, []
    if scope_form.is_valid():
        scope = _scope(scope_form.cleaned_data)
        if request.method == "POST" and form.is_valid():
            action = void_reactions(
                moderator=request.user, reason=form.cleaned_data["reason"], **scope
            )
            if action is None:
                return _nothing_voided(request, form, scope, admin_context)
            messages.success(
                request,
                ngettext("أُلغي تفاعل واحد.", "أُلغي %(count)d تفاعلًا.", action.affected)
                % {"count": action.affected},
            )
            return redirect("admin:reactions_moderationaction_changelist")
        # What it would take from each story: the burst the dashboard showed, or more.
        by_story = stats.per_story(reactions_in_scope(**scope))
        affected = sum(row.total for row in by_story)
    context = {
        **admin_context,
        "title": _("إلغاء تفاعلات"),
        "form": form,
        "affected": affected,
        "by_story": by_story[:STORIES_LISTED],
        "more_stories": len(by_story) - STORIES_LISTED,
    }
    return TemplateResponse(request, "reactions/admin/void.html", context)


def _nothing_voided(
    request: HttpRequest, form: VoidForm, scope: dict, admin_context: dict
) -> HttpResponse:
    """Nothing in scope was live, so nothing was voided nor logged: say who voided it
    (another moderator at the same moment, or a link followed twice), or that there was
    nothing to void."""
    earlier = last_void_in_scope(**scope)
    if earlier is not None:
        messages.warning(
            request,
            _("لم يُلغَ شيء: ألغى %(moderator)s هذه التفاعلات في %(when)s.")
            % {
                "moderator": earlier.moderator.get_username(),
                "when": date_format(timezone.localtime(earlier.created_at), "DATETIME_FORMAT"),
            },
        )
        return redirect("admin:reactions_moderationaction_changelist")
    form.add_error(None, _("لا تفاعلات قائمة في هذا النطاق، فلم يُلغَ شيء."))
    context = {**admin_context, "title": _("إلغاء تفاعلات"), "form": form, "affected": 0}
    return TemplateResponse(request, "reactions/admin/void.html", context)


def _scope(data: dict) -> dict:
    return {
        "scope": data["scope"],
        "target": data["target"],
        "article": data.get("article"),  # an Article: the form rejects numbers naming none
        "start": data.get("start"),
        "end": data.get("end"),
    }


@require_http_methods(["GET", "POST"])
def undo(request: HttpRequest, admin_context: dict, pk: int) -> HttpResponse:
    require_moderator(request)
    action = get_object_or_404(ModerationAction, pk=pk)
    if request.method == "POST" and not action.is_undone:
        action = undo_void(action=action, moderator=request.user)
        messages.success(
            request,
            ngettext("استُعيد تفاعل واحد.", "استُعيد %(count)d تفاعلًا.", action.restored)
            % {"count": action.restored},
        )
        return redirect("admin:reactions_moderationaction_changelist")
    # The stories its voided reactions are on (those not already restored), the most first.
    by_story = [] if action.is_undone else stats.per_story(action.voided_reactions.all())
    context = {
        **admin_context,
        "title": _("التراجع عن إجراء إشراف"),
        "action": action,
        "by_story": by_story[:STORIES_LISTED],
        "more_stories": len(by_story) - STORIES_LISTED,
    }
    return TemplateResponse(request, "reactions/admin/undo.html", context)
