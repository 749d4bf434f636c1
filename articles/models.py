from __future__ import annotations

import re
from datetime import datetime

import reversion
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItemBase

from articles import images, renditions, search
from articles.sanitize import sanitize_html, without_control_characters

BODY_EDITOR = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto", "tel"]},
    "History": True,
}


def drop_control_characters(instance: models.Model, fields: tuple[str, ...]) -> None:
    """Clear ``fields`` of ``instance`` of control characters (articles.sanitize), before
    they are stored: text pasted from Word carries them, and no feed can be written with
    one (every feed showing the story answered 500)."""
    for name in fields:
        setattr(instance, name, without_control_characters(getattr(instance, name)))


def arabic_slug(text: str, max_length: int = 200) -> str:
    """A URL slug that keeps Arabic letters (and Latin ones) as written."""
    return slugify(text, allow_unicode=True)[:max_length].strip("-")


# «تصوير: رويترز», «Photo by: AFP»: the story page writes the label itself.
_CREDIT_LABEL = re.compile(
    r"^(?:\s*(?:تصوير|(?:ال)?صور[ةه]|photos?(?:\s+by)?|photograph|image|credit)\s*[:：]\s*)+",
    re.IGNORECASE,
)


def credit_without_label(credit: str) -> str:
    """The photographer or agency alone, without a «تصوير:» or "Photo:" typed before it."""
    return _CREDIT_LABEL.sub("", credit).strip()


class Section(models.Model):
    name = models.CharField(_("الاسم"), max_length=100, unique=True)
    slug = models.SlugField(_("المعرّف في الرابط"), max_length=100, unique=True, allow_unicode=True)
    description = models.CharField(_("الوصف"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("الترتيب"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("قسم")
        verbose_name_plural = _("الأقسام")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        drop_control_characters(self, ("name", "description"))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:section", kwargs={"slug": self.slug})


class Author(models.Model):
    name = models.CharField(_("الاسم"), max_length=150)
    slug = models.SlugField(_("المعرّف في الرابط"), max_length=150, unique=True, allow_unicode=True)
    bio = models.TextField(_("نبذة قصيرة"), max_length=600, blank=True)
    photo = models.ImageField(
        _("الصورة"), upload_to="authors/", blank=True, validators=[images.validate_news_image]
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("حساب المستخدم"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("كاتب")
        verbose_name_plural = _("الكتّاب")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        drop_control_characters(self, ("name", "bio"))
        if self.photo and not self.photo._committed:
            cleaned = images.clean_upload(self.photo.file, self.photo.name)
            self.photo.save(cleaned.name, cleaned, save=False)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


@reversion.register()
class TaggedArticle(TaggedItemBase):
    """The through table of hashtags, with a real foreign key so hashtag pages use an index."""

    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)

    class Meta:
        verbose_name = _("وسم مقال")
        verbose_name_plural = _("وسوم المقالات")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]


class FormerHashtag(models.Model):
    """A name and address a hashtag had before it was merged into another (or renamed):
    readers' old links (/tag/<slug>/, its feeds) lead permanently to the hashtag it became,
    and the old name typed in a story means that hashtag (articles.hashtags)."""

    name = models.CharField(_("الاسم السابق"), max_length=100)
    slug = models.SlugField(
        _("المعرّف السابق في الرابط"), max_length=100, unique=True, allow_unicode=True
    )
    tag = models.ForeignKey(
        Tag, verbose_name=_("الوسم"), on_delete=models.CASCADE, related_name="former_names"
    )
    created_at = models.DateTimeField(_("أُنشئ في"), auto_now_add=True)

    class Meta:
        verbose_name = _("اسم سابق لوسم")
        verbose_name_plural = _("الأسماء السابقة للوسوم")

    def __str__(self) -> str:
        return f"#{self.name}"


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None) -> ArticleQuerySet:
        """What the public may see: published, and its time has come. Used everywhere."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def in_section(self, section: Section) -> ArticleQuerySet:
        return self.filter(section=section)

    def tagged(self, tag) -> ArticleQuerySet:
        return self.filter(taggedarticle__tag=tag)

    def by_author(self, author: Author) -> ArticleQuerySet:
        return self.filter(authors=author)

    def for_listing(self) -> ArticleQuerySet:
        """Everything a teaser card shows, in a fixed number of queries."""
        return self.select_related("section").defer("body").order_by("-publish_at", "-pk")

    def latest_per_section(self, section_ids: list[int], per_section: int) -> ArticleQuerySet:
        """The newest ``per_section`` stories of each section, in one query.

        A union of one small slice per section, each read from the (section, publish_at)
        index: a window over the whole archive would rank every story on every home page.
        """
        slices = [
            self.filter(section_id=section_id)
            .order_by("-publish_at", "-pk")
            .values_list("pk", flat=True)[:per_section]
            for section_id in section_ids
        ]
        if not slices:
            return self.none()
        ids = slices[0].union(*slices[1:], all=True) if len(slices) > 1 else slices[0]
        return self.filter(pk__in=ids).order_by("-publish_at", "-pk")

    def matching(self, query: search.ParsedQuery) -> ArticleQuerySet:
        """The stories a parsed query finds, unranked and unordered (to count, to test)."""
        return self.filter(search_vector=query.as_search_query())

    def search(self, query: search.ParsedQuery) -> ArticleQuerySet:
        """Matches for a parsed query, best first; recency breaks ties.

        Only the newest ``search.MAX_CANDIDATES`` matches are ranked: a word found in
        most of a 100,000-story archive would otherwise rank every one of them.
        """
        tsquery = query.as_search_query()
        newest_matches = (
            self.matching(query).order_by("-publish_at").values("pk")[: search.MAX_CANDIDATES]
        )
        return (
            self.filter(pk__in=newest_matches)
            .annotate(
                exact_rank=SearchRank(F("search_vector"), query.as_exact_query()),
                rank=SearchRank(F("search_vector"), tsquery),
            )
            .order_by("-exact_rank", "-rank", "-publish_at", "-pk")
        )

    def related_to(self, article: Article, limit: int = 4) -> ArticleQuerySet:
        """Stories sharing hashtags first, then the same section, then the newest.

        One query, whose cost does not grow with the archive: only the newest stories of
        each of its hashtags and of its section are candidates, found through indexes,
        and only those few are ranked.
        """
        tag_ids = [tag.pk for tag in article.tags.all()]
        candidates_per_tag = 50
        by_tag = [
            TaggedArticle.objects.filter(tag_id=tag_id)
            .order_by("-content_object__publish_at")
            .values_list("content_object_id")[:candidates_per_tag]
            for tag_id in tag_ids
        ]
        by_section = (
            Article.objects.filter(section_id=article.section_id, status=Article.Status.PUBLISHED)
            .order_by("-publish_at")
            .values_list("pk")[: limit + 1]
        )
        candidates = by_section.union(*by_tag) if by_tag else by_section
        return (
            self.filter(pk__in=candidates)
            .exclude(pk=article.pk)
            .annotate(
                shared_tags=Count("taggedarticle", filter=Q(taggedarticle__tag__in=tag_ids)),
                same_section=Count("pk", filter=Q(section=article.section_id)),
            )
            .order_by("-shared_tags", "-same_section", "-publish_at")[:limit]
        )


# Each revision keeps the version it saved (articles.conflicts finds the one an editor's
# form was opened on); restoring one does not bring its number back (ArticleAdmin).
@reversion.register(follow=["taggedarticle_set"], exclude=["search_vector"])
class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("مسودة")
        REVIEW = "review", _("قيد المراجعة")
        PUBLISHED = "published", _("منشور")
        ARCHIVED = "archived", _("مؤرشف")

    title = models.CharField(_("العنوان"), max_length=255)
    slug = models.SlugField(
        _("المعرّف في الرابط"),
        max_length=255,
        allow_unicode=True,
        blank=True,
        help_text=_("يُشتق من العنوان إن تُرك فارغًا، وتبقى الحروف العربية كما هي."),
    )
    deck = models.CharField(
        _("الموجز"), max_length=400, blank=True, help_text=_("السطر تحت العنوان.")
    )
    agency = models.CharField(_("الوكالة"), max_length=100, blank=True)
    city = models.CharField(_("المدينة"), max_length=100, blank=True)
    authors = models.ManyToManyField(
        Author, verbose_name=_("الكتّاب"), related_name="articles", blank=True
    )
    body = ProseEditorField(_("نص الخبر"), extensions=BODY_EDITOR, sanitize=sanitize_html)
    image = models.ImageField(
        _("الصورة الرئيسية"),
        upload_to="articles/%Y/%m/",
        blank=True,
        width_field="image_width",
        height_field="image_height",
        validators=[images.validate_lead_image],
        help_text=_(
            "JPEG أو PNG أو WebP، بعرض 480 بكسل وارتفاع 270 بكسل على الأقل. "
            "تُزال بيانات EXIF (ومنها الموقع الجغرافي) تلقائيًا."
        ),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_renditions = models.JSONField(default=list, blank=True, editable=False)
    image_caption = models.CharField(_("تعليق الصورة"), max_length=300, blank=True)
    image_credit = models.CharField(_("مصدر الصورة"), max_length=150, blank=True)
    image_alt = models.CharField(
        _("النص البديل للصورة"),
        max_length=300,
        blank=True,
        help_text=_("وصف قصير للصورة لمن لا يراها."),
    )
    section = models.ForeignKey(
        Section, verbose_name=_("القسم"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = TaggableManager(
        verbose_name=_("الوسوم"),
        through=TaggedArticle,
        blank=True,
        help_text=_("مثل: #الساحل_الإفريقي، #مالي — افصل بينها بفاصلة."),
    )
    status = models.CharField(
        _("الحالة"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("موعد النشر"),
        null=True,
        blank=True,
        help_text=_("وقت في المستقبل يجعل الخبر مجدولًا: يظهر وحده عند حلول موعده."),
    )
    reactions_closed = models.BooleanField(
        _("إغلاق التفاعلات"),
        default=False,
        help_text=_("تبقى الأعداد ظاهرة، لكن لا تُقبل تفاعلات جديدة."),
    )
    language = models.CharField(
        _("لغة المقال"), max_length=8, choices=settings.LANGUAGES, default="ar"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("أنشأه"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("أُنشئ في"), auto_now_add=True)
    updated_at = models.DateTimeField(_("حُدّث في"), auto_now=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # Bumped on every save: the admin refuses a save based on an older version.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()
    # Its text without markup, cleared of control characters on save (the body is
    # cleared with its sanitising).
    plain_text_fields = (
        "title", "deck", "agency", "city", "image_caption", "image_credit", "image_alt",
    )  # fmt: skip

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("مقال")
        verbose_name_plural = _("المقالات")
        permissions = [("publish_article", _("يستطيع نشر المقالات وجدولتها وأرشفتها"))]
        indexes = [
            models.Index(
                F("publish_at").desc(),
                name="article_published_idx",
                condition=Q(status="published"),
            ),
            models.Index(
                "section",
                F("publish_at").desc(),
                name="article_section_published_idx",
                condition=Q(status="published"),
            ),
            models.Index(fields=["status", "-updated_at"], name="article_status_idx"),
            # The admin's list in its order, and its date links' first and last dates,
            # for every story whatever its status.
            models.Index(fields=["-publish_at", "-id"], name="article_admin_order_idx"),
            GinIndex(fields=["search_vector"], name="article_search_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="published_article_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # Only this row's own fields are filled here: slug, safe body, image files.
        drop_control_characters(self, self.plain_text_fields)
        self.slug = arabic_slug(self.slug or self.title) or "news"
        if not self._state.adding:
            self.version += 1
        self.body = sanitize_html(self.body)
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        if self.image and not self.image._committed:
            cleaned = images.clean_upload(self.image.file, self.image.name)
            self.image.save(cleaned.name, cleaned, save=False)
            self.image_renditions = renditions.make_renditions(self.image.name)
        elif not self.image:
            self.image_renditions = []
        super().save(*args, **kwargs)
        self.refresh_search_document()

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"pk": self.pk, "slug": self.slug or "-"})

    def clean(self):
        # Published with no time means now. Filled here too, not only in save(), because
        # forms check the published-has-time constraint before saving.
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            self.publish_at = timezone.now()
        # The story page writes «(تصوير: …)» around the credit.
        self.image_credit = credit_without_label(self.image_credit)

    def change_status(self, status: str, *, now: datetime | None = None) -> bool:
        """Put the story in ``status``; False when it is there already (nothing to save).

        Publishing makes the story public now: a scheduled story's time is brought forward,
        which is what an editor pressing «نشر» expects, and a public story keeps its time.
        """
        now = now or timezone.now()
        if status == self.Status.PUBLISHED:
            if self.status == status and self.publish_at is not None and self.publish_at <= now:
                return False
            if self.publish_at is None or self.publish_at > now:
                self.publish_at = now
        elif self.status == status:
            return False
        self.status = status
        return True

    def refresh_search_document(self) -> None:
        """Rebuild this row's search vector from its text, hashtags, authors and section.

        Called after save and whenever hashtags or authors change (articles.signals).
        """
        tags = list(self.tags.values_list("name", flat=True)) if self.pk else []
        authors = list(self.authors.values_list("name", flat=True)) if self.pk else []
        section = Section.objects.filter(pk=self.section_id).values_list("name", flat=True)
        vector = search.document_vector(
            title=self.title,
            deck=self.deck,
            tags=tags,
            body_html=self.body,
            extra=[*authors, *section, self.agency, self.city],
        )
        Article.objects.filter(pk=self.pk).update(search_vector=vector)

    @property
    def dateline(self) -> str:
        return " – ".join(part for part in (self.agency, self.city) if part)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is not None and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is not None and self.publish_at > timezone.now()
        )

    @property
    def image_srcset(self) -> str:
        return renditions.srcset(self.image_renditions)

    @property
    def was_updated(self) -> bool:
        """Edited noticeably after it went out (not merely saved while being written)."""
        if not self.publish_at or not self.updated_at:
            return False
        baseline = max(self.publish_at, self.created_at or self.publish_at)
        return (self.updated_at - baseline).total_seconds() > 600


# The byline's link rows, as the admin names them when an editor deletes a story: Django
# names an automatic through model in English ("Article-author relationship", "Article_authors
# object (1)"). A declared through model would say it in Arabic too, but django-reversion
# keeps bylines in a story's revisions only for automatic ones, so they are named here.
Byline = Article.authors.through
Byline._meta.verbose_name = _("كاتب المقال")
Byline._meta.verbose_name_plural = _("كتّاب المقال")
Byline.__str__ = lambda byline: str(byline.author)
