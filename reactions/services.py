"""Every write to reactions goes through here, one transaction each, tallies included.

Lock order, the same everywhere so concurrent writers queue instead of deadlocking:
reaction rows first (by pk), then tally rows (by article, then kind).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone

from articles import pagecache
from articles.models import Article
from reactions.models import ModerationAction, Reaction, ReactionKind, Tally

# A reader's own concurrent requests can make an insert find a row that is then gone
# before we lock it; each retry sees the other request's committed work, so two do.
MAX_ATTEMPTS = 5


class ReactionError(Exception):
    """A tap the rules refuse; the view turns each kind into its 4xx answer."""

    def __init__(self, article: Article | TappedArticle | None = None):
        super().__init__()
        self.article = article  # the article refused on, when known


class ArticleUnavailableError(ReactionError):
    """No such article, or it is not public (a draft, scheduled, archived)."""


class ReactionsClosedError(ReactionError):
    """Editors closed reactions on this article."""


class KindRetiredError(ReactionError):
    """The kind is not, or no longer, offered to readers."""


class ReactionConflictError(ReactionError):
    """The same reader kept racing itself past MAX_ATTEMPTS (should never happen)."""


@dataclass(frozen=True)
class ReactionState:
    """What the box shows: counts of every active kind, their total, the reader's choice."""

    counts: dict[str, int]
    total: int
    mine: str | None
    closed: bool = False

    def as_json(self) -> dict:
        return {"counts": self.counts, "total": self.total, "mine": self.mine}


def active_counts(article: Article | int) -> list[ReactionKind]:
    """The active kinds with ``count`` on ``article``: one query, read from the tallies."""
    return list(ReactionKind.objects.active().with_counts(article))


def tallies(article_id: int) -> dict[int, int]:
    """Kind id → count on ``article_id``, for every kind with a tally: one plain statement.

    Read on every article page the page cache cannot answer, the only query left there.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kind_id, count FROM {Tally._meta.db_table} WHERE article_id = %s",
            [article_id],
        )
        return dict(cursor.fetchall())


def tap_target(article_id: int) -> tuple[Article | None, list[ReactionKind]]:
    """A published article's reaction settings and its active kinds with counts: one query.

    Read on every tap. The same rules as ``Article.objects.published()`` and
    ``active_counts()``, in one plain statement: at breaking-news rates, compiling two
    ORM queries cost more than PostgreSQL's work for them. (None, []) if the article is
    not public; its kinds are [] if no kind is active.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.slug, a.reactions_closed, k.id, k.slug, k.emoji, k.label_ar, "
            f'k.label_en, k."order", COALESCE(t.count, 0) '
            f"FROM {Article._meta.db_table} a "
            f"LEFT JOIN {ReactionKind._meta.db_table} k ON k.active "
            f"LEFT JOIN {Tally._meta.db_table} t ON t.article_id = a.id AND t.kind_id = k.id "
            f"WHERE a.id = %s AND a.status = %s AND a.publish_at <= %s "
            f'ORDER BY k."order", k.id',
            [article_id, Article.Status.PUBLISHED, timezone.now()],
        )
        rows = cursor.fetchall()
    if not rows:
        return None, []
    slug, closed = rows[0][:2]
    article = Article(pk=article_id, slug=slug, reactions_closed=closed)
    kinds = []
    for *_article, pk, kind_slug, emoji, label_ar, label_en, order, count in rows:
        if pk is not None:
            kind = ReactionKind(
                pk=pk, slug=kind_slug, emoji=emoji, label_ar=label_ar, label_en=label_en,
                order=order, active=True,
            )  # fmt: skip
            kind.count = count
            kinds.append(kind)
    return article, kinds


def reaction_state(
    *, article: Article, reader_key: str | None, kinds: list[ReactionKind] | None = None
) -> ReactionState:
    kinds = active_counts(article) if kinds is None else kinds
    counts = {kind.slug: kind.count for kind in kinds}
    mine = None
    if reader_key:
        mine = (
            Reaction.objects.live()
            .filter(article=article, reader_key=reader_key, kind__active=True)
            .values_list("kind__slug", flat=True)
            .first()
        )
    return ReactionState(
        counts=counts, total=sum(counts.values()), mine=mine, closed=article.reactions_closed
    )


def _bump_tallies(deltas: Counter) -> None:
    """Add ``deltas[(article_id, kind_id)]`` to the tallies, in a fixed order.

    Increments upsert (the first reaction of a kind creates its row); decrements update,
    since PostgreSQL checks an INSERT's proposed row (count < 0) before any ON CONFLICT.
    A tally that would go below zero violates its check constraint: tallies and rows
    disagree, which ``recount`` repairs.
    """
    table = Tally._meta.db_table
    with connection.cursor() as cursor:
        for (article_id, kind_id), delta in sorted(deltas.items()):
            if delta > 0:
                cursor.execute(
                    f"INSERT INTO {table} (article_id, kind_id, count) VALUES (%s, %s, %s) "
                    f"ON CONFLICT (article_id, kind_id) "
                    f"DO UPDATE SET count = {table}.count + EXCLUDED.count",
                    [article_id, kind_id, delta],
                )
            elif delta < 0:
                cursor.execute(
                    f"UPDATE {table} SET count = count + %s WHERE article_id = %s AND kind_id = %s",
                    [delta, article_id, kind_id],
                )


def _insert_if_absent(
    *, article: Article, reader_key: str, kind: ReactionKind, user, ip_hash: str
) -> bool:
    """Insert the reader's reaction unless they already have a live one; True if inserted.

    ``ON CONFLICT DO NOTHING`` against the partial unique index: a reader's concurrent
    second request waits for the first to commit, then finds its row, with no error and
    no savepoint. This is also the common case (a new reader) in a single statement.
    """
    table = Reaction._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (article_id, kind_id, reader_key, user_id, ip_hash, "
            f"created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s) "
            f"ON CONFLICT (article_id, reader_key) WHERE voided_at IS NULL DO NOTHING",
            [article.pk, kind.pk, reader_key, getattr(user, "pk", None), ip_hash]
            + [timezone.now()] * 2,
        )
        return cursor.rowcount == 1


def _insert_new_reader(
    *, article: Article, reader_key: str, kind: ReactionKind, user, ip_hash: str
) -> int | None:
    """A reader's first tap on ``article`` and its tally, in one statement.

    The common case under load: a new reader. The reaction row and the tally increment
    are one statement (a data-modifying CTE), so one round trip and one implicit
    transaction record both, exactly. Returns the kind's new count, or None when the
    reader already has a live reaction (nothing was written).
    """
    reactions, tallies = Reaction._meta.db_table, Tally._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH new AS ("
            f"INSERT INTO {reactions} (article_id, kind_id, reader_key, user_id, ip_hash, "
            f"created_at, updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s) "
            f"ON CONFLICT (article_id, reader_key) WHERE voided_at IS NULL DO NOTHING "
            f"RETURNING article_id, kind_id) "
            f"INSERT INTO {tallies} (article_id, kind_id, count) "
            f"SELECT article_id, kind_id, 1 FROM new "
            f"ON CONFLICT (article_id, kind_id) DO UPDATE SET count = {tallies}.count + 1 "
            f"RETURNING count",
            [article.pk, kind.pk, reader_key, getattr(user, "pk", None), ip_hash]
            + [timezone.now()] * 2,
        )
        row = cursor.fetchone()
    return row[0] if row else None


def react(
    *,
    article: Article,
    reader_key: str,
    kind: ReactionKind,
    user=None,
    ip_hash: str = "",
) -> ReactionState:
    """Record a tap: a new reaction, a move to ``kind``, or its removal if already ``kind``.

    The endpoint uses ``tap()``, which does the same from an article id and a kind slug.
    """
    if article.reactions_closed:
        raise ReactionsClosedError
    if not kind.active:
        raise KindRetiredError
    count = _insert_new_reader(
        article=article, reader_key=reader_key, kind=kind, user=user, ip_hash=ip_hash
    )
    if count is not None:
        return replace(reaction_state(article=article, reader_key=None), mine=kind.slug)
    return _move_or_take_back(
        article=article, reader_key=reader_key, kind=kind, user=user, ip_hash=ip_hash
    )


def _move_or_take_back(
    *, article: Article, reader_key: str, kind: ReactionKind, user, ip_hash: str
) -> ReactionState:
    """The reader has a live reaction: move it to ``kind``, or take it back if it is
    ``kind`` already (or record it, if the reader's other request took it back meanwhile)."""
    with transaction.atomic():
        for _attempt in range(MAX_ATTEMPTS):
            deltas: Counter = Counter()
            if _insert_if_absent(
                article=article, reader_key=reader_key, kind=kind, user=user, ip_hash=ip_hash
            ):
                deltas[article.pk, kind.pk] += 1
                mine: str | None = kind.slug
            else:
                current = (
                    Reaction.objects.live()
                    .select_for_update()
                    .filter(article=article, reader_key=reader_key)
                    .first()
                )
                if current is None:
                    continue  # Taken back by the reader's other request meanwhile: insert.
                if current.kind_id == kind.pk:
                    current.delete()
                    deltas[article.pk, kind.pk] -= 1
                    mine = None
                else:
                    deltas[article.pk, current.kind_id] -= 1
                    deltas[article.pk, kind.pk] += 1
                    current.kind = kind
                    current.ip_hash = ip_hash or current.ip_hash
                    current.save(update_fields=["kind", "ip_hash", "updated_at"])
                    mine = kind.slug
            # Last statement before COMMIT: the hot article's tally row stays locked for
            # as short a time as possible.
            _bump_tallies(deltas)
            break
        else:
            raise ReactionConflictError
    # Read after COMMIT: the counts may already include other readers' later taps.
    return replace(reaction_state(article=article, reader_key=None), mine=mine)


_articles, _kinds = Article._meta.db_table, ReactionKind._meta.db_table
_reactions, _tallies = Reaction._meta.db_table, Tally._meta.db_table
TAP_SQL = f"""
WITH target AS (
    SELECT a.id AS article_id, a.slug, a.reactions_closed, k.id AS kind_id
    FROM {_articles} a LEFT JOIN {_kinds} k ON k.active AND k.slug = %(kind)s
    WHERE a.id = %(article)s AND a.status = %(published)s AND a.publish_at <= %(now)s
), new AS (
    INSERT INTO {_reactions} (article_id, kind_id, reader_key, user_id, ip_hash,
        created_at, updated_at)
    SELECT article_id, kind_id, %(reader)s, %(user)s, %(ip_hash)s, %(now)s, %(now)s
    FROM target WHERE kind_id IS NOT NULL AND NOT reactions_closed
    ON CONFLICT (article_id, reader_key) WHERE voided_at IS NULL DO NOTHING
    RETURNING article_id, kind_id
), bumped AS (
    INSERT INTO {_tallies} (article_id, kind_id, count)
    SELECT article_id, kind_id, 1 FROM new
    ON CONFLICT (article_id, kind_id) DO UPDATE SET count = {_tallies}.count + 1
    RETURNING kind_id, count
)
SELECT t.slug, t.reactions_closed, t.kind_id, (SELECT count(*) FROM new),
    k.slug, COALESCE(b.count, n.count, 0)
FROM target t
LEFT JOIN {_kinds} k ON k.active
LEFT JOIN {_tallies} n ON n.article_id = t.article_id AND n.kind_id = k.id
LEFT JOIN bumped b ON b.kind_id = k.id
ORDER BY k."order", k.id
"""


class TappedArticle(NamedTuple):
    """The article a tap was on, as the endpoint needs it (no model instance: building
    an Article runs its image fields' post_init handlers, a tenth of a tap's Python)."""

    pk: int
    slug: str
    reactions_closed: bool

    def as_article(self) -> Article:
        return Article.from_db(connection.alias, ["id", "slug", "reactions_closed"], list(self))

    def get_absolute_url(self) -> str:
        return self.as_article().get_absolute_url()


def tap(
    *, article_id: int, kind_slug: str, reader_key: str, user=None, ip_hash: str = ""
) -> tuple[TappedArticle, ReactionState]:
    """A reader's tap on ``kind_slug`` as the endpoint receives it: the article it was on
    (its pk, slug and settings) and the box's state after it.

    A new reader's tap, the common case under breaking-news load, is one statement: it
    checks the article is public and open and the kind offered (the rules of
    ``Article.objects.published()`` and ``react()``), records the reaction and its tally,
    and reads every active kind's count. A reader who already reacted goes on to
    ``react()``'s move or take-back. Raises ArticleUnavailableError, KindRetiredError
    (an unknown kind too) or ReactionsClosedError, in that order.
    """
    now = timezone.now()
    params = {
        "kind": kind_slug,
        "article": article_id,
        "published": Article.Status.PUBLISHED,
        "now": now,
        "reader": reader_key,
        "user": getattr(user, "pk", None),
        "ip_hash": ip_hash,
    }
    with connection.cursor() as cursor:
        cursor.execute(TAP_SQL, params)
        rows = cursor.fetchall()
    if not rows:
        raise ArticleUnavailableError
    slug, closed, kind_id, inserted = rows[0][:4]
    article = TappedArticle(article_id, slug, closed)
    if kind_id is None:
        raise KindRetiredError(article)
    if closed:
        raise ReactionsClosedError(article)
    counts = {kind: count for *_target, kind, count in rows if kind is not None}
    if inserted:
        state = ReactionState(counts=counts, total=sum(counts.values()), mine=kind_slug)
        return article, state
    # A returning reader: the tapped kind as react() takes it (its pk, slug, active).
    kind = ReactionKind.from_db(
        connection.alias, ["id", "slug", "active"], [kind_id, kind_slug, True]
    )
    state = _move_or_take_back(
        article=article.as_article(), reader_key=reader_key, kind=kind, user=user, ip_hash=ip_hash
    )
    return article, state


def reactions_in_scope(
    *,
    scope: str,
    target: str,
    article: Article | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
):
    """The live reactions a moderation action of ``scope`` on ``target`` would void."""
    return _matching(scope=scope, target=target, article=article, start=start, end=end).live()


def last_void_in_scope(
    *,
    scope: str,
    target: str,
    article: Article | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> ModerationAction | None:
    """The latest action that voided reactions in this scope (another moderator's, say)."""
    voided = (
        _matching(scope=scope, target=target, article=article, start=start, end=end)
        .voided()
        .order_by("-voided_at", "-pk")
        .values_list("void_action", flat=True)
        .first()
    )
    if voided is None:
        return None
    return ModerationAction.objects.select_related("moderator").get(pk=voided)


def _matching(
    *,
    scope: str,
    target: str,
    article: Article | None,
    start: datetime | None,
    end: datetime | None,
):
    """Every reaction, live or voided, that ``scope`` on ``target`` names."""
    reactions = Reaction.objects.all()
    if scope == ModerationAction.Scope.REACTION:
        reactions = reactions.filter(pk=int(target))
    elif scope == ModerationAction.Scope.READER:
        reactions = reactions.filter(reader_key=target)
    elif scope == ModerationAction.Scope.IP_HASH:
        reactions = reactions.filter(ip_hash=target)
    else:
        raise ValueError(scope)
    if article is not None:
        reactions = reactions.filter(article=article)
    if start is not None:
        reactions = reactions.filter(created_at__gte=start)
    if end is not None:
        reactions = reactions.filter(created_at__lt=end)
    return reactions


def void_reactions(
    *,
    moderator,
    scope: str,
    target: str,
    reason: str,
    article: Article | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> ModerationAction | None:
    """Void the live reactions in scope, take them off the tallies, log who, what and why.

    None, and nothing logged, when none in scope is live: a second moderator voiding the
    same burst at the same moment waits for the first's rows and then finds them voided.
    """
    with transaction.atomic():
        reactions = list(
            reactions_in_scope(scope=scope, target=target, article=article, start=start, end=end)
            .select_for_update()
            .order_by("pk")
            .only("pk", "article_id", "kind_id")
        )
        if not reactions:
            return None
        action = ModerationAction.objects.create(
            moderator=moderator,
            scope=scope,
            target=target,
            article=article,
            period_start=start,
            period_end=end,
            reason=reason,
            affected=len(reactions),
        )
        Reaction.objects.filter(pk__in=[r.pk for r in reactions]).update(
            voided_at=timezone.now(), void_action=action
        )
        _bump_tallies(Counter({key: -n for key, n in _counted(reactions).items()}))
        _refresh_story_pages(reactions)
    return action


def _refresh_story_pages(reactions: list[Reaction]) -> None:
    """Once committed, render afresh the kept pages of the stories whose counts changed.

    Readers' taps do not (the box's script fetches live counts, and a hot story would never
    stay cached); a moderator's void or undo is rare, and a page without script should not
    keep showing a burst that was voided.
    """
    surfaces = {f"article:{article_id}" for article_id in {r.article_id for r in reactions}}
    if surfaces:
        transaction.on_commit(lambda: pagecache.bump(surfaces))


def _counted(reactions: list[Reaction]) -> Counter:
    return Counter((r.article_id, r.kind_id) for r in reactions)


def undo_void(*, action: ModerationAction, moderator) -> ModerationAction:
    """Restore what ``action`` voided, except rows whose reader has reacted again since."""
    with transaction.atomic():
        action = ModerationAction.objects.select_for_update().get(pk=action.pk)
        if action.is_undone:
            return action
        voided = list(action.voided_reactions.select_for_update().order_by("pk"))
        restored: list[Reaction] = []
        for reaction in voided:
            try:
                with transaction.atomic():
                    Reaction.objects.filter(pk=reaction.pk).update(voided_at=None, void_action=None)
            except IntegrityError:
                continue  # The reader has a live reaction again; theirs wins.
            restored.append(reaction)
        _bump_tallies(_counted(restored))
        _refresh_story_pages(restored)
        action.undone_at = timezone.now()
        action.undone_by = moderator
        action.restored = len(restored)
        action.save(update_fields=["undone_at", "undone_by", "restored"])
    return action


def recount_tallies(*, article_ids: list[int] | None = None) -> int:
    """Rebuild tallies from the live rows; returns how many tallies were wrong.

    Writers are held off for the duration (SHARE lock on the reaction table) so the
    counts are exact even while readers keep reacting.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Reaction._meta.db_table} IN SHARE MODE")
        reactions = Reaction.objects.live()
        tallies = Tally.objects.select_for_update()
        if article_ids is not None:
            reactions = reactions.filter(article_id__in=article_ids)
            tallies = tallies.filter(article_id__in=article_ids)
        truth = {
            (row["article_id"], row["kind_id"]): row["n"]
            for row in reactions.values("article_id", "kind_id").annotate(n=Count("pk"))
        }
        fixed = 0
        for tally in tallies:
            expected = truth.pop((tally.article_id, tally.kind_id), 0)
            if tally.count != expected:
                Tally.objects.filter(pk=tally.pk).update(count=expected)
                fixed += 1
        Tally.objects.bulk_create(
            Tally(article_id=article_id, kind_id=kind_id, count=n)
            for (article_id, kind_id), n in truth.items()
        )
        fixed += len(truth)
    return fixed
