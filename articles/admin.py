from contextlib import contextmanager

import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Case, Count, When
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop, ngettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag

from articles import history, search
from articles.accounts_admin import RoleAdmin, StaffUserAdmin  # noqa: F401 (registers them)
from articles.admin_ids import CheckedIds
from articles.arabic import isolated
from articles.forms import (
    REPORTER_STATUSES,
    SLUGS_TYPED_AS_WORDS,
    AdminSplitDateTimeAnyDigits,
    ArticleAdminForm,
)
from articles.hashtag_actions import merge_selected
from articles.hashtag_merge import hashtag_renamed
from articles.hashtag_restore import restore_hashtags, restore_messages
from articles.hashtags import clean_hashtag, former_hashtag, hashtag_spelled_like
from articles.held_images import HeldImageInput
from articles.history import ReadableHistory
from articles.list_filters import BylineFilter, StatusFilter
from articles.models import Article, Author, Section
from articles.roles import can_publish
from articles.story_read_only import ReadOnlyStory
from articles.time_zones import newsroom_city
from articles.transitions import status_change

admin.site.site_header = _("غرفة الأخبار — الإدارة")
admin.site.site_title = _("غرفة الأخبار")
admin.site.index_title = _("لوحة التحرير")


@admin.register(Section)
class SectionAdmin(CheckedIds, ReadableHistory, admin.ModelAdmin):
    formfield_overrides = SLUGS_TYPED_AS_WORDS
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(CheckedIds, ReadableHistory, admin.ModelAdmin):
    formfield_overrides = SLUGS_TYPED_AS_WORDS
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ("name",)}
    search_fields = ["name"]
    autocomplete_fields = ["user"]

    def get_readonly_fields(self, request, obj=None):
        # Choosing the account searches the users, which only those who may see them can:
        # for others the box could only say «لا يمكن تحميل النتائج».
        if request.user.has_perm("auth.view_user"):
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "user"]


class HashtagForm(forms.ModelForm):
    """A hashtag typed here follows the story form's rules: «#وسم جديد» is «وسم_جديد», at
    /tag/وسم_جديد/ (its address follows its name, renamed or not), and one spelling of a
    word is one hashtag («#مالى» where «#مالي» exists is refused)."""

    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self):
        name = clean_hashtag(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(
                _("لا حرف ولا رقم في هذا الوسم. الوسم حروف وأرقام وشرطة سفلية (_)."),
                code="unusable_hashtag",
            )
        if Tag.objects.filter(name__iexact=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("يوجد وسم بهذا الاسم."), code="duplicate_hashtag")
        same = hashtag_spelled_like(name, exclude=self.instance if self.instance.pk else None)
        if same is not None:
            raise forms.ValidationError(
                _("يوجد هذا الوسم بكتابة أخرى: #%(name)s.") % {"name": same.name},
                code="duplicate_hashtag",
            )
        former = former_hashtag(name)
        if former is not None and former.tag_id != self.instance.pk:
            # Its old links lead to the hashtag it became: a new one would take them back.
            raise forms.ValidationError(
                _("هذا الاسم كان لوسم دُمج في #%(name)s أو صار اسمه #%(name)s، فاكتب #%(name)s.")
                % {"name": former.tag.name},
                code="former_hashtag",
            )
        return name

    def save(self, commit=True):
        self.instance.slug = self.instance.slugify(self.instance.name)
        return super().save(commit)


# django-taggit's own TagAdmin lists generic TaggedItems and merges through them, which
# this project's stories do not use (their through model is TaggedArticle).
admin.site.unregister(Tag)


@admin.register(Tag)
class HashtagAdmin(CheckedIds, ReadableHistory, admin.ModelAdmin):
    form = HashtagForm
    list_display = ["hashtag", "slug", "stories"]
    ordering = ["name"]
    search_fields = ["name"]
    actions = [merge_selected]

    def has_merge_permission(self, request) -> bool:
        """Merging changes one hashtag and deletes the others."""
        return self.has_change_permission(request) and self.has_delete_permission(request)

    def changelist_view(self, request, extra_context=None):
        # Django skips an action the user may not run and shows the list again, as if
        # nothing had been asked: a merge asked for without the right is refused.
        asked = request.method == "POST" and "merge_selected" in request.POST.getlist("action")
        if asked and not self.has_merge_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(story_count=Count("articles_taggedarticle_items"))
        )

    def get_readonly_fields(self, request, obj=None):
        return ["former_addresses"] if obj is not None and obj.former_names.exists() else []

    @admin.display(description=_("أسماؤه السابقة"))
    def former_addresses(self, tag: Tag) -> str:
        names = gettext("، ").join(f"#{f.name}" for f in tag.former_names.order_by("name"))
        return gettext("%(names)s: روابطها القديمة تقود إلى هذا الوسم.") % {"names": names}

    def save_model(self, request, obj, form, change):
        before = (
            Tag.objects.filter(pk=obj.pk).values_list("name", "slug").first() if change else None
        )
        super().save_model(request, obj, form, change)
        if before and before[0] != obj.name:
            hashtag_renamed(obj, name=before[0], slug=before[1])

    @admin.display(description=_("الوسم"), ordering="name")
    def hashtag(self, tag: Tag) -> str:
        # Set apart: the English admin drew an Arabic hashtag's «#» after its name.
        return format_html("<bdi>#{}</bdi>", tag.name)

    @admin.display(description=_("المقالات"), ordering="story_count")
    def stories(self, tag: Tag) -> int:
        return tag.story_count


class TagFilter(admin.SimpleListFilter):
    title = _("الوسم")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        # Isolated: the English admin put the «#» of an Arabic hashtag at its end.
        return [(t.slug, isolated(f"#{t.name}")) for t in Tag.objects.order_by("name")[:200]]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(taggedarticle__tag__slug=self.value())
        return queryset


def _titles_isolated(items: list, titles: list[str]) -> list:
    """``items`` (Django's nested list of what a delete takes with it, each plain text or
    HTML with a link) with the story title each one names set apart (articles.arabic.isolated);
    ``titles`` longest first, so that a title inside another is not the one found."""
    done = []
    for item in items:
        if isinstance(item, list):
            done.append(_titles_isolated(item, titles))
            continue
        for title in titles:
            said = escape(title) if isinstance(item, SafeString) else title
            if said in item:
                replaced = item.replace(said, isolated(said), 1)
                item = mark_safe(replaced) if isinstance(item, SafeString) else replaced
                break
        done.append(item)
    return done


def _date_and_time(moment) -> str | None:
    """«3 ديسمبر 2026 09:30» ("3 Dec 2026 09:30" in English: Arabic months have no short
    names), the date and the time each kept whole, so that a narrow column puts the time
    under the date. None: Django's sign for no value."""
    if moment is None:
        return None
    moment = timezone.localtime(moment)
    date = "j F Y" if translation.get_language_bidi() else "j M Y"
    return format_html(
        '<time datetime="{}"><span>{}</span> <span>{}</span></time>',
        moment.isoformat(),
        formats.date_format(moment, date),
        formats.time_format(moment, "H:i"),
    )


class StoriesChangeList(ChangeList):
    """Django's list, taking a date link's year, month or day it cannot count from (a
    year of forty digits, December 9999) as any other wrong filter: the list, told so.
    Django computes the period's end outside its own check and answered 500."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as exc:
            raise IncorrectLookupParameters(exc) from exc


@admin.register(Article)
class ArticleAdmin(CheckedIds, ReadOnlyStory, VersionAdmin):
    form = ArticleAdminForm
    # The title's cell links to the story and to its preview (get_list_display); the times
    # are a date and a time that wrap onto two lines where the list is narrow.
    list_display = ["title", "section", "status_label", "publish_time", "updated_time"]
    list_display_links = None
    list_filter = [StatusFilter, "section", TagFilter, ("authors", BylineFilter), "publish_at"]
    list_select_related = ["section"]
    search_fields = ["title"]  # shows the box; get_search_results uses the site's engine
    date_hierarchy = "publish_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["section", "authors"]
    actions = ["publish", "unpublish", "archive"]
    list_per_page = 50
    formfield_overrides = {
        **SLUGS_TYPED_AS_WORDS,
        models.DateTimeField: {"widget": AdminSplitDateTimeAnyDigits},
        # An image chosen on a form that comes back unsaved stays chosen (held_images).
        models.ImageField: {"widget": HeldImageInput},
    }
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "deck",
                    ("agency", "city"),
                    "authors",
                    "body",
                    "edit_version",
                ]
            },
        ),
        (
            _("الصورة الرئيسية"),
            {"fields": ["image", "image_caption", "image_credit", "image_alt"]},
        ),
        (
            _("التصنيف والنشر"),
            {"fields": ["section", "tags", "language", "status", "publish_at", "reactions_closed"]},
        ),
    ]

    def get_changelist(self, request, **kwargs):
        return StoriesChangeList

    def get_search_results(self, request, queryset, search_term):
        """Editors search with the same Arabic engine as readers (all statuses)."""
        parsed = search.parse_query(search_term)
        if parsed is None:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(search_vector=parsed.as_search_query()), False

    # Who sees and edits what. Reporters: their own drafts and stories in review.

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if can_publish(request.user):
            return queryset
        return queryset.filter(created_by=request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or can_publish(request.user):
            return True
        # A save of their own story sent after an editor took it on is answered by the form,
        # which refuses it and keeps what they typed (ReadOnlyStory.changeform_view).
        return obj.created_by_id == request.user.pk and (
            obj.status in REPORTER_STATUSES or self.answering_late_save(request)
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or can_publish(request.user) or obj.status == Article.Status.DRAFT
        )

    def has_publish_permission(self, request):
        return can_publish(request.user)

    # Publishing, scheduling and closing reactions are the editors': a reporter's form left
    # them as a «-» and a red cross under help on how to schedule, which they cannot do.
    # The status says what a reporter does instead (ArticleAdminForm).
    editors_only = ("publish_at", "reactions_closed")

    def get_readonly_fields(self, request, obj=None):
        return [] if can_publish(request.user) else list(self.editors_only)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if can_publish(request.user) or self.read_only(request, obj):
            return fieldsets  # read only, the time it went out is worth reading
        kept = []
        for name, options in fieldsets:
            fields = [field for field in options["fields"] if field not in self.editors_only]
            kept.append((name, {**options, "fields": fields}))
        return kept

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        form.restoring = hasattr(request, "restoring_version_id")
        form.restored_hashtags = [
            hashtag.tag for hashtag in getattr(request, "restored_hashtags", ()) if hashtag.tag
        ]
        if "tags" in form.base_fields:
            form.base_fields["tags"].widget.attrs["data-suggest-url"] = reverse(
                "admin:articles_article_hashtags"
            )
        if "publish_at" in form.base_fields:
            # Django's note under the time names the zone by its identifier («Asia/Riyadh»):
            # article_form.js gives it the city instead («بتوقيت الرياض», "Riyadh").
            date_input = form.base_fields["publish_at"].widget.widgets[0]
            date_input.attrs["data-time-zone-city"] = newsroom_city()
        return form

    class Media:
        # save_guard.js: a story's form is never sent to be lost (session_view).
        js = ["articles/admin/article_form.js", "articles/admin/save_guard.js"]

    def get_changeform_initial_data(self, request):
        """A new story's byline starts with its writer's own name, when their account has an
        author profile; they may add others or take it off."""
        initial = super().get_changeform_initial_data(request)
        if "authors" not in initial:
            own = Author.objects.filter(user=request.user).values_list("pk", flat=True)
            initial["authors"] = list(own)
        return initial

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        """The public page once the story is public; until then, its preview (the public
        address would be a 404)."""
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse("admin:articles_article_preview", args=[obj.pk])

    # History and restoring are the editors' business: reporters are not shown the way.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_see_history": can_publish(request.user)}
        version_id = getattr(request, "restoring_version_id", None)
        if version_id is not None and object_id is not None:
            self._restore_hashtags(request, unquote(object_id), version_id)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:  # the heading naming the story, on its form and restore forms
            context["subtitle"] = isolated(obj.title)
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Deleting: the story's title stands in an English sentence («Are you sure you want to
    # delete the article “…”?») and in the list of what goes with it («Article hashtag: …
    # tagged with …»), where an Arabic title with «5G» in it came out scrambled.

    def render_delete_form(self, request, context):
        context["escaped_object"] = isolated(context["escaped_object"])
        return super().render_delete_form(request, context)

    def get_deleted_objects(self, objs, request):
        """Django's list of what a delete takes with it (this story's page and «delete
        selected»), each story's title set apart from the words around it."""
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        titles = sorted({str(obj) for obj in objs}, key=len, reverse=True)
        return (
            _titles_isolated(to_delete, titles),
            model_count,
            perms_needed,
            _titles_isolated(protected, titles),
        )

    def _restore_hashtags(self, request, object_id: str, version_id: str) -> None:
        """The old version's hashtags merged or deleted since come back on the form (by the
        name they had, or as the hashtag they became), and the editor is told so."""
        revision = Version.objects.select_related("revision").get(pk=version_id).revision
        request.restored_hashtags = restore_hashtags(int(object_id), revision)
        if request.method != "GET":
            return  # said when the form was opened
        lines, warning = restore_messages(request.restored_hashtags)
        for line in lines:
            self.message_user(request, line, messages.INFO)
        if warning:
            self.message_user(request, warning, messages.WARNING)

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if not can_publish(request.user) and hasattr(response, "template_name"):
            # Django's list, without django-reversion's "recover deleted stories" link.
            response.template_name = "admin/change_list.html"
        return response

    def history_view(self, request, object_id, extra_context=None):
        if not can_publish(request.user):
            raise PermissionDenied
        response = super().history_view(request, object_id, extra_context)
        if not hasattr(response, "context_data"):
            return response  # no such story: Django's redirect, saying so
        title = response.context_data["object"].title
        response.context_data["title"] = gettext("سجل التعديلات: %(title)s") % {
            "title": isolated(title)
        }
        # Each line in the reader's language (django-reversion's page shows the comment
        # through Revision.get_comment, which reads these as they are).
        for action in response.context_data["action_list"]:
            action["revision"].comment = history.readable(action["revision"].comment)
        return response

    # A revision's comment is kept untranslated (articles.history): django-reversion would
    # keep the text in the saving editor's language.

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        if reversion.is_active():
            reversion.set_comment(entry.change_message)
        return entry

    def construct_change_message(self, request, form, formsets, add=False):
        """Django's list of changed fields, and what became of the status said as the list
        actions say it («نُشر.», «جُدول للنشر في …»), not as «تم تغيير الحالة.»."""
        message = super().construct_change_message(request, form, formsets, add)
        change = status_change(form.status_before, form.instance)
        if change is None:
            return message
        request.status_change = change  # also what the editor is told (message_user)
        said = ["status", "publish_at"] if change.names_the_time else ["status"]
        with translation.override(None):  # the labels as Django keeps them: untranslated
            said = {str(form.fields[name].label) for name in said if name in form.fields}
        rest = []
        for entry in message:
            if "changed" in entry:
                fields = [name for name in entry["changed"]["fields"] if name not in said]
                if not fields:
                    continue
                entry["changed"]["fields"] = fields
            rest.append(entry)
        status = {"status": change.kept()}
        return [*rest, status] if add else [status, *rest]

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # A save that moved the story says so («نُشر المقال «…».») rather than Django's
        # «حُفظت التعديلات على مقال «…».».
        change = getattr(request, "status_change", None)
        if change is not None and level == messages.SUCCESS:
            request.status_change = None
            message = change.message()
        super().message_user(request, message, level, *args, **kwargs)

    @contextmanager
    def create_revision(self, request):
        with super().create_revision(request):
            yield
            # After django-reversion's own comment for a restore, in the restorer's language.
            restored = getattr(request, "restored_revision", None)
            if restored is not None:
                reversion.set_comment(history.dated(restored, request.restored_from))

    # Restoring an old version brings back what the story said, not where it stands: an
    # old draft's wording must not unpublish a live story, nor an old published one
    # republish a story taken down. These stay as they are unless changed on the form.
    kept_on_restore = ("status", "publish_at", "reactions_closed")

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not can_publish(request.user):
            raise PermissionDenied
        request.restoring_version_id = version_id
        # Read before django-reversion reverts the row (a story since deleted has no
        # current state: it comes back as it was, like a recovered one).
        current = self.get_object(request, unquote(object_id))
        if current is not None:
            request.kept_on_restore = {
                name: getattr(current, name) for name in self.kept_on_restore
            }
            request.version_before_restore = current.version
            extra_context = {**(extra_context or {}), "current_status": self.status_label(current)}
        # django-reversion's heading is «Revert <title>»: the title twice over, the second
        # time beneath it, and in the English admin an Arabic title put «Revert» at its end.
        extra_context = {**(extra_context or {}), "title": _("إعادة المقال إلى نسخة سابقة")}
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not can_publish(request.user):
            raise PermissionDenied
        request.restoring_version_id = version_id
        request.recovering = True
        version = get_object_or_404(Version.objects.get_for_model(Article), pk=version_id)
        deleted = Article(**{name: version.field_dict[name] for name in self.kept_on_restore})
        extra_context = {
            **(extra_context or {}),
            "deleted_status": self.status_label(deleted),
            "title": _("استعادة المقال المحذوف"),  # as on a revision, the title is beneath
        }
        return super().recover_view(request, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            if self._hidden_from(request, object_id, from_field):
                raise PermissionDenied
            return None
        for name, value in getattr(request, "kept_on_restore", {}).items():
            setattr(obj, name, value)
        version = getattr(request, "version_before_restore", None)
        if version is not None and obj.version != version:
            # django-reversion wrote the old revision's version number back with its
            # content: the story counts on from where it was, so that a form opened before
            # the restore is still seen to be out of date (undone with the restore's
            # transaction when the restore form is only shown).
            Article.objects.filter(pk=obj.pk).update(version=version)
            obj.version = version
        return obj

    def _hidden_from(self, request, object_id, from_field=None) -> bool:
        """The story exists, but not among those this user may see (another reporter's):
        refused as such, where Django would say it may have been deleted."""
        if can_publish(request.user):
            return False
        field = self.opts.get_field(from_field) if from_field else self.opts.pk
        try:
            value = field.to_python(object_id)
        except (ValidationError, ValueError):
            return False
        return Article.objects.filter(**{field.name: value}).exists()

    def response_change(self, request, obj):
        """After restoring an old version (or a deleted story), say so: saving the restored
        form would otherwise report an ordinary save."""
        version_id = getattr(request, "restoring_version_id", None)
        if version_id is None:
            return super().response_change(request, obj)
        request.status_change = None  # a restore says it is one
        saved = Version.objects.select_related("revision").get(pk=version_id).revision
        request.restored_from = saved.date_created
        request.restored_revision = (
            gettext_noop("استُعيد بعد حذفه كما كان في %(date)s.")
            if getattr(request, "recovering", False)
            else gettext_noop("أُعيد إلى نسخته المحفوظة في %(date)s.")
        )
        self.message_user(
            request,
            gettext("استُعيد المقال «%(title)s» إلى نسخته المحفوظة في %(date)s.")
            % {
                "title": isolated(obj.title),
                "date": formats.date_format(
                    timezone.localtime(saved.date_created), "DATETIME_FORMAT"
                ),
            },
            messages.SUCCESS,
        )
        return self.response_post_save_change(request, obj)

    def recoverlist_view(self, request, extra_context=None):
        if not can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    # Preview of any article (unpublished included) for the staff who may see it.

    def get_urls(self):
        return [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "hashtags/",
                self.admin_site.admin_view(self.hashtag_suggestions_view),
                name="articles_article_hashtags",
            ),
            path(
                "session/",
                self.admin_site.admin_view(self.session_view, cacheable=False),
                name="articles_article_session",
            ),
            *super().get_urls(),
        ]

    def hashtag_suggestions_view(self, request):
        """Existing hashtags starting with (or containing) what the editor typed."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        query = clean_hashtag(request.GET.get("q", ""))
        if not query:
            return JsonResponse({"results": []})
        names = (
            Tag.objects.filter(name__icontains=query)
            .annotate(starts=Case(When(name__istartswith=query, then=0), default=1))
            .order_by("starts", "name")
            .values_list("name", flat=True)[:10]
        )
        return JsonResponse({"results": list(names)})

    def session_view(self, request):
        """The form's CSRF token as it stands now, asked by save_guard.js before a story's
        form is sent. A form opened before its writer signed in again (here or in another
        tab) carries a token that no longer counts: sent as it was, it met Django's CSRF
        refusal, and the story's text was gone (its body editor comes back empty). A
        writer signed out is sent to the login page instead, which the script tells apart
        and says, the form kept as it is. Read by the page's own script only: no other
        site may read an answer of this one."""
        return JsonResponse({"csrf_token": get_token(request)})

    def preview_view(self, request, pk):
        article = self.get_object(request, str(pk))
        if article is None:
            raise Http404
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return TemplateResponse(
            request,
            "articles/article_detail.html",
            {"article": article, "preview": True, "related": []},
        )

    # The stories list fits beside the admin's menu and the filters at 1280 px: its preview
    # links had a column of their own at the far end, the times a long line each, and the
    # table was 120 px (English: 200 px) wider than its box, the preview and the time of the
    # last change out of view. An editor's eye is on the title: its preview is beside it.

    def get_list_display(self, request):
        # One cell function per request: Django asks twice (columns, sortable ones) and
        # knows the column by it.
        if not hasattr(request, "stories_title_cell"):
            request.stories_title_cell = self._title_cell(self.get_preserved_filters(request))
        cell = request.stories_title_cell
        return [cell if name == "title" else name for name in self.list_display]

    def _title_cell(self, preserved_filters: str):
        """The title linking to the story's form (keeping the list's filters for the way
        back, as Django's own link does), then a link to its preview."""
        context = {"preserved_filters": preserved_filters, "opts": self.opts}

        @admin.display(description=_("العنوان"), ordering="title")
        def title(article):
            change = reverse("admin:articles_article_change", args=[article.pk])
            preview = reverse("admin:articles_article_preview", args=[article.pk])
            return format_html(
                '<a href="{}">{}</a> <a class="preview-link" href="{}">{}</a>',
                add_preserved_filters(context, change),
                article.title,
                preview,
                _("معاينة"),
            )

        return title

    @admin.display(description=_("موعد النشر"), ordering="publish_at")
    def publish_time(self, obj):
        return _date_and_time(obj.publish_at)

    @admin.display(description=_("حُدّث في"), ordering="updated_at")
    def updated_time(self, obj):
        return _date_and_time(obj.updated_at)

    @admin.display(description=_("الحالة"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("مجدول")
        return obj.get_status_display()

    # Bulk actions, for editors only (allowed_permissions is checked server-side).

    def _set_status(self, request, queryset, status, message, history_line):
        """Move the chosen stories to ``status``, each with a line in its history (an
        untranslated msgid: read in each reader's language); the message counts only the
        stories that changed."""
        now = timezone.now()
        count = 0
        with transaction.atomic():
            ids = list(queryset.values_list("pk", flat=True))
            for article in Article.objects.filter(pk__in=ids).select_for_update():
                was_scheduled = article.is_scheduled
                if not article.change_status(status, now=now):
                    continue
                article.save()
                # Also the comment of the revision django-reversion keeps of this save.
                self.log_change(request, article, history_line(was_scheduled))
                count += 1
        if count:
            self.message_user(request, message(count) % {"count": count}, messages.SUCCESS)
        if unchanged := len(ids) - count:
            self.message_user(
                request,
                ngettext(
                    "مقال واحد كان على هذه الحال من قبل، فلم يتغيّر.",
                    "%(count)d مقالًا كانت على هذه الحال من قبل، فلم تتغيّر.",
                    unchanged,
                )
                % {"count": unchanged},
                messages.INFO,
            )

    @admin.action(description=_("نشر المقالات المختارة"), permissions=["publish"])
    def publish(self, request, queryset):
        """Public now, scheduled stories included (their time is brought forward)."""
        self._set_status(
            request,
            queryset,
            Article.Status.PUBLISHED,
            lambda n: ngettext("نُشر مقال واحد.", "نُشر %(count)d مقالًا.", n),
            lambda was_scheduled: (
                gettext_noop("نُشر من قائمة المقالات قبل موعده المجدول.")
                if was_scheduled
                else gettext_noop("نُشر من قائمة المقالات.")
            ),
        )

    @admin.action(description=_("إلغاء نشر المقالات المختارة"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_status(
            request,
            queryset,
            Article.Status.DRAFT,
            lambda n: ngettext("أُلغي نشر مقال واحد.", "أُلغي نشر %(count)d مقالًا.", n),
            lambda was_scheduled: gettext_noop("أُلغي نشره من قائمة المقالات."),
        )

    @admin.action(description=_("أرشفة المقالات المختارة"), permissions=["publish"])
    def archive(self, request, queryset):
        self._set_status(
            request,
            queryset,
            Article.Status.ARCHIVED,
            lambda n: ngettext("أُرشف مقال واحد.", "أُرشف %(count)d مقالًا.", n),
            lambda was_scheduled: gettext_noop("أُرشف من قائمة المقالات."),
        )
