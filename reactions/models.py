"""Reader reactions: kinds, one row per reader and article, and per-kind tallies.

The rows are the truth; the tallies are what pages read (never an aggregate over rows).
Both change in the same transaction, in ``reactions.services``, and ``recount`` rebuilds
the tallies from the rows should they ever drift.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class ReactionKindQuerySet(models.QuerySet):
    def active(self) -> ReactionKindQuerySet:
        """The kinds readers see and may choose; retired ones keep their history."""
        return self.filter(active=True)

    def with_counts(self, article: Article | int) -> ReactionKindQuerySet:
        """Each kind annotated with ``count`` on ``article``, zeros included, in one query."""
        return self.annotate(
            article_tally=models.FilteredRelation("tallies", condition=Q(tallies__article=article)),
            count=Coalesce("article_tally__count", 0),
        ).order_by("order", "pk")


class ReactionKind(models.Model):
    # Keyed by an ASCII slug, not by the emoji: emoji with or without a variation
    # selector compare unequal, slugs do not.
    slug = models.SlugField(_("المعرّف"), max_length=32, unique=True)
    emoji = models.CharField(_("الرمز التعبيري"), max_length=16)
    label_ar = models.CharField(_("الاسم بالعربية"), max_length=50)
    label_en = models.CharField(_("الاسم بالإنجليزية"), max_length=50)
    order = models.PositiveSmallIntegerField(_("الترتيب"), default=0)
    active = models.BooleanField(
        _("نشط"),
        default=True,
        help_text=_("إيقافه يخفيه عن القراء دون أن يمحو التفاعلات السابقة به."),
    )

    objects = ReactionKindQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("نوع تفاعل")
        verbose_name_plural = _("أنواع التفاعل")

    def __str__(self) -> str:
        # Named in the viewer's language: the admin's lists and filters read it.
        return f"{self.emoji} {self.label(get_language())}"

    def label(self, language: str | None) -> str:
        """The label in the reader's interface language (Arabic unless English)."""
        return self.label_en if (language or "").startswith("en") else self.label_ar


class ReactionQuerySet(models.QuerySet):
    def live(self) -> ReactionQuerySet:
        """Reactions that count: not voided by a moderator."""
        return self.filter(voided_at__isnull=True)

    def voided(self) -> ReactionQuerySet:
        return self.filter(voided_at__isnull=False)

    def created_between(self, start, end) -> ReactionQuerySet:
        return self.filter(created_at__gte=start, created_at__lt=end)


class Reaction(models.Model):
    """One reader's reaction to one article (the reader's latest choice)."""

    # Every index here is written by every tap: no index of its own for the article (the
    # article-and-time one serves it), and the account's and the void's only for the rows
    # that have one (most have neither).
    article = models.ForeignKey(
        Article,
        verbose_name=_("المقال"),
        on_delete=models.CASCADE,
        related_name="reactions",
        db_index=False,
    )
    kind = models.ForeignKey(
        ReactionKind, verbose_name=_("النوع"), on_delete=models.PROTECT, related_name="reactions"
    )
    # A keyed hash of the cookie's random id ("a:...") or of the account ("u:<pk>").
    reader_key = models.CharField(_("معرّف القارئ (مُجزّأ)"), max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("الحساب"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # A keyed hash of the client address whose key changes every day: enough to see a
    # burst, never enough to recover the address.
    ip_hash = models.CharField(_("بصمة العنوان"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("وقت التفاعل"), auto_now_add=True)
    updated_at = models.DateTimeField(_("آخر تغيير"), auto_now=True)
    voided_at = models.DateTimeField(_("أُلغي في"), null=True, blank=True)
    void_action = models.ForeignKey(
        "ModerationAction",
        verbose_name=_("إجراء الإلغاء"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voided_reactions",
        db_index=False,
    )

    objects = ReactionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("تفاعل")
        verbose_name_plural = _("التفاعلات")
        permissions = [("moderate_reactions", _("يستطيع متابعة التفاعلات وإلغاءها"))]
        constraints = [
            # One live reaction per reader and article; voided rows stay as history and
            # must not stop the reader from reacting again.
            models.UniqueConstraint(
                fields=["article", "reader_key"],
                condition=Q(voided_at__isnull=True),
                name="one_live_reaction_per_reader",
            ),
            models.CheckConstraint(
                condition=Q(voided_at__isnull=True) | Q(void_action__isnull=False),
                name="voided_reaction_has_action",
            ),
        ]
        indexes = [
            models.Index(fields=["created_at"], name="reaction_created_idx"),
            models.Index(fields=["article", "created_at"], name="reaction_article_created_idx"),
            models.Index(fields=["ip_hash", "created_at"], name="reaction_ip_created_idx"),
            models.Index(fields=["reader_key", "created_at"], name="reaction_reader_created_idx"),
            models.Index(
                fields=["user"], condition=Q(user__isnull=False), name="reaction_user_idx"
            ),
            models.Index(
                fields=["void_action"],
                condition=Q(void_action__isnull=False),
                name="reaction_void_action_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} — {self.article_id}"

    @property
    def is_live(self) -> bool:
        return self.voided_at is None


class Tally(models.Model):
    """How many live reactions of one kind an article has. Read by every page."""

    article = models.ForeignKey(
        Article, verbose_name=_("المقال"), on_delete=models.CASCADE, related_name="reaction_tallies"
    )
    kind = models.ForeignKey(
        ReactionKind, verbose_name=_("النوع"), on_delete=models.CASCADE, related_name="tallies"
    )
    count = models.IntegerField(_("العدد"), default=0)

    class Meta:
        verbose_name = _("عدّاد تفاعل")
        verbose_name_plural = _("عدّادات التفاعل")
        constraints = [
            models.UniqueConstraint(fields=["article", "kind"], name="one_tally_per_article_kind"),
            models.CheckConstraint(condition=Q(count__gte=0), name="tally_count_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}/{self.kind_id}: {self.count}"


class ModerationAction(models.Model):
    """The log of what moderators did: who, when, what, why, and whether it was undone."""

    class Scope(models.TextChoices):
        REACTION = "reaction", _("تفاعل واحد")
        READER = "reader", _("كل تفاعلات قارئ")
        IP_HASH = "ip_hash", _("كل تفاعلات بصمة عنوان")

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("المشرف"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("الوقت"), auto_now_add=True)
    scope = models.CharField(_("النطاق"), max_length=12, choices=Scope.choices)
    target = models.CharField(_("الهدف"), max_length=64)
    article = models.ForeignKey(
        Article,
        verbose_name=_("المقال"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    period_start = models.DateTimeField(_("من"), null=True, blank=True)
    period_end = models.DateTimeField(_("إلى"), null=True, blank=True)
    reason = models.TextField(_("السبب"), max_length=1000)
    affected = models.PositiveIntegerField(_("عدد التفاعلات الملغاة"), default=0)
    undone_at = models.DateTimeField(_("تراجع عنه في"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("تراجع عنه"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    restored = models.PositiveIntegerField(_("عدد التفاعلات المستعادة"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("إجراء إشراف")
        verbose_name_plural = _("سجل الإشراف")
        indexes = [models.Index(fields=["-created_at"], name="moderation_created_idx")]

    def __str__(self) -> str:
        return f"{self.get_scope_display()} {self.target[:12]} ({self.affected})"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
