from django.contrib import admin
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from articles.admin_ids import CheckedIds
from articles.history import ReadableHistory
from reactions import dashboard
from reactions.models import ModerationAction, Reaction, ReactionKind


@admin.register(ReactionKind)
class ReactionKindAdmin(CheckedIds, ReadableHistory, admin.ModelAdmin):
    list_display = ["emoji", "label_ar", "label_en", "slug", "order", "active"]
    list_display_links = ["emoji", "label_ar"]
    list_editable = ["order", "active"]
    search_fields = ["slug", "label_ar", "label_en"]

    def get_readonly_fields(self, request, obj=None):
        # A slug is the API's name for a kind: rename it and old clients break. Retire instead.
        return ["slug"] if obj is not None else []


class LiveFilter(admin.SimpleListFilter):
    title = _("الحالة")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("live", _("قائم")), ("voided", _("ملغى"))]

    def queryset(self, request, queryset):
        if self.value() == "live":
            return queryset.live()
        if self.value() == "voided":
            return queryset.voided()
        return queryset


@admin.register(Reaction)
class ReactionAdmin(CheckedIds, admin.ModelAdmin):
    """Rows are read-only here: every change goes through the services, tallies with it."""

    change_list_template = "reactions/admin/reaction_change_list.html"
    # The void links beside what they void: at the end, beside the admin's menu and the
    # filters, they were scrolled out of a 1366px screen (reactions/admin.css).
    list_display = [
        "created_at",
        "article",
        "kind",
        "void_link",
        "reader",
        "address",
        "user",
        "state",
    ]
    list_filter = [LiveFilter, "kind", "created_at"]
    list_select_related = ["article", "kind", "user"]
    search_fields = ["=reader_key", "=ip_hash", "article__title"]
    # No date_hierarchy: its links come from every row's day (0.15 s of a million-row page);
    # the "created_at" filter above narrows by period through the index instead.
    list_per_page = 100
    show_full_result_count = False
    actions = None  # voiding goes through the void page, with a reason
    fields = [
        "article", "kind", "reader_key", "user", "ip_hash",
        "created_at", "updated_at", "voided_at", "void_action",
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # deleting rows behind the services' back would break the tallies

    @admin.display(description=_("القارئ"))
    def reader(self, obj):
        return format_html("<code>{}</code>", obj.reader_key[:12])

    @admin.display(description=_("بصمة العنوان"))
    def address(self, obj):
        return format_html("<code>{}</code>", obj.ip_hash[:12])

    @admin.display(description=_("الحالة"), boolean=True)
    def state(self, obj):
        return obj.is_live

    @admin.display(description=_("إلغاء"))
    def void_link(self, obj):
        if not obj.is_live:
            return "—"
        url = reverse("admin:reactions_void")
        return format_html(
            '<a href="{}?scope=reaction&amp;target={}">{}</a> · '
            '<a href="{}?scope=reader&amp;target={}">{}</a>',
            url, obj.pk, _("هذا"), url, obj.reader_key, _("كل تفاعلات القارئ"),
        )  # fmt: skip

    def get_urls(self):
        def wrap(view):
            def admin_page(request, *args, **kwargs):
                return view(request, self.admin_site.each_context(request), *args, **kwargs)

            return self.admin_site.admin_view(admin_page)

        return [
            path("dashboard/", wrap(dashboard.dashboard), name="reactions_dashboard"),
            path("dashboard/export.csv", wrap(dashboard.export_csv), name="reactions_export"),
            path("void/", wrap(dashboard.void), name="reactions_void"),
            path("undo/<int:pk>/", wrap(dashboard.undo), name="reactions_undo"),
            *super().get_urls(),
        ]


@admin.register(ModerationAction)
class ModerationActionAdmin(CheckedIds, admin.ModelAdmin):
    # Long reasons and titles are cut in the list (whole in their tooltip and on the
    # action's page); reactions/admin.css keeps the columns readable and the table
    # scrolling inside its box on narrow screens.
    change_list_template = "reactions/admin/moderationaction_change_list.html"
    # What was done, why and its undo first: with the admin's menu and the filters open,
    # a 1280px screen shows those and scrolls the table (inside its box) for the rest.
    list_display = [
        "created_at", "scope", "short_target", "short_reason", "undo_link", "affected",
        "short_article", "moderator",
    ]  # fmt: skip
    list_filter = ["scope", "created_at"]
    list_select_related = ["moderator", "article", "undone_by"]
    search_fields = ["=target", "reason"]
    readonly_fields = [
        "moderator", "created_at", "scope", "target", "article", "period_start", "period_end",
        "reason", "affected", "undone_at", "undone_by", "restored",
    ]  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the log is the record of what was done

    @admin.display(description=_("الهدف"))
    def short_target(self, obj):
        return format_html("<code>{}</code>", obj.target[:12])

    @admin.display(description=_("المقال"), ordering="article__title")
    def short_article(self, obj):
        return _shortened(obj.article.title, 30) if obj.article else "—"

    @admin.display(description=_("السبب"))
    def short_reason(self, obj):
        return _shortened(obj.reason, 60)

    @admin.display(description=_("تراجع"), ordering="undone_at")
    def undo_link(self, obj):
        """The undo link, or when the action was undone: one column for both."""
        if obj.is_undone:
            return format_html(
                '<span title="{}">{}</span>',
                obj.undone_by or "",
                # As the log's own times read: "12/03/2026 12:36 م" was month first.
                date_format(localtime(obj.undone_at), "DATETIME_FORMAT"),
            )
        url = reverse("admin:reactions_undo", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("تراجع"))


def _shortened(text: str, length: int):
    """``text`` cut to ``length`` characters, whole in its tooltip when cut."""
    short = Truncator(text).chars(length)
    return format_html('<span title="{}">{}</span>', text, short) if short != text else text
