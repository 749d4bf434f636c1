"""The one service that records reactions, and the moderators' services, through PostgreSQL."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from reactions.models import ModerationAction, Reaction, Tally
from reactions.services import (
    KindRetiredError,
    ReactionsClosedError,
    react,
    reaction_state,
    recount_tallies,
    undo_void,
    void_reactions,
)
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def tallies(article) -> dict[str, int]:
    return {
        t.kind.slug: t.count for t in Tally.objects.filter(article=article).select_related("kind")
    }


def live_counts(article) -> dict[str, int]:
    counts: dict[str, int] = {}
    for slug in (
        Reaction.objects.live().filter(article=article).values_list("kind__slug", flat=True)
    ):
        counts[slug] = counts.get(slug, 0) + 1
    return counts


def assert_tallies_match_rows(article):
    assert {k: v for k, v in tallies(article).items() if v} == live_counts(article)


def test_first_tap_adds_a_reaction(article, kinds):
    state = react(article=article, reader_key="r1", kind=kinds["like"], ip_hash="h1")
    assert state.mine == "like"
    assert state.counts == {"like": 1, "love": 0, "haha": 0, "wow": 0, "sad": 0, "angry": 0}
    assert state.total == 1
    reaction = Reaction.objects.get()
    assert (reaction.reader_key, reaction.ip_hash, reaction.kind.slug) == ("r1", "h1", "like")


def test_reader_moving_reaction_keeps_one_row(article, kinds):
    react(article=article, reader_key="r1", kind=kinds["like"])
    state = react(article=article, reader_key="r1", kind=kinds["sad"])
    assert state.mine == "sad"
    assert state.counts["like"] == 0
    assert state.counts["sad"] == 1
    assert Reaction.objects.count() == 1
    assert_tallies_match_rows(article)


def test_tapping_the_same_kind_takes_it_back(article, kinds):
    react(article=article, reader_key="r1", kind=kinds["wow"])
    state = react(article=article, reader_key="r1", kind=kinds["wow"])
    assert state.mine is None
    assert state.total == 0
    assert not Reaction.objects.exists()
    assert tallies(article) == {"wow": 0}


def test_readers_and_articles_are_counted_apart(kinds):
    first, second = ArticleFactory(), ArticleFactory()
    for reader in ("a", "b", "c"):
        react(article=first, reader_key=reader, kind=kinds["love"])
    react(article=second, reader_key="a", kind=kinds["angry"])
    assert reaction_state(article=first, reader_key="a").counts["love"] == 3
    assert reaction_state(article=first, reader_key="a").mine == "love"
    assert reaction_state(article=second, reader_key="a").mine == "angry"
    assert reaction_state(article=second, reader_key="z").mine is None


def test_closed_article_refuses_taps(kinds):
    article = ArticleFactory(reactions_closed=True)
    with pytest.raises(ReactionsClosedError):
        react(article=article, reader_key="r1", kind=kinds["like"])
    assert not Reaction.objects.exists()


def test_retired_kind_is_refused_hidden_and_its_history_kept(article, kinds):
    react(article=article, reader_key="r1", kind=kinds["haha"])
    kinds["haha"].active = False
    kinds["haha"].save()

    with pytest.raises(KindRetiredError):
        react(article=article, reader_key="r2", kind=kinds["haha"])
    state = reaction_state(article=article, reader_key="r1")
    assert "haha" not in state.counts
    assert state.mine is None
    assert Reaction.objects.filter(kind__slug="haha").count() == 1
    assert tallies(article)["haha"] == 1

    # The reader may move on to an active kind; the retired count follows.
    state = react(article=article, reader_key="r1", kind=kinds["like"])
    assert state.mine == "like"
    assert tallies(article)["haha"] == 0


def test_database_refuses_two_live_reactions_for_one_reader(article, kinds):
    Reaction.objects.create(article=article, kind=kinds["like"], reader_key="r1")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reaction.objects.create(article=article, kind=kinds["love"], reader_key="r1")


def test_database_refuses_a_negative_tally(article, kinds):
    with pytest.raises(IntegrityError), transaction.atomic():
        Tally.objects.create(article=article, kind=kinds["like"], count=-1)


def test_voided_reaction_does_not_block_reacting_again(article, kinds, moderator):
    react(article=article, reader_key="r1", kind=kinds["like"])
    void_reactions(moderator=moderator, scope="reader", target="r1", reason="spam")
    state = react(article=article, reader_key="r1", kind=kinds["like"])
    assert state.mine == "like"
    assert state.counts["like"] == 1
    assert Reaction.objects.count() == 2
    assert Reaction.objects.live().count() == 1


def test_voiding_one_reaction_takes_it_off_the_counts_at_once(article, kinds, moderator):
    react(article=article, reader_key="r1", kind=kinds["like"])
    react(article=article, reader_key="r2", kind=kinds["like"])
    target = Reaction.objects.get(reader_key="r1")
    action = void_reactions(
        moderator=moderator, scope="reaction", target=str(target.pk), reason="اختبار"
    )
    assert action.affected == 1
    assert reaction_state(article=article, reader_key=None).counts["like"] == 1
    target.refresh_from_db()
    assert target.voided_at is not None
    assert target.void_action == action
    assert_tallies_match_rows(article)


def test_voiding_a_reader_covers_all_their_articles(kinds, moderator):
    first, second = ArticleFactory(), ArticleFactory()
    react(article=first, reader_key="bot", kind=kinds["angry"])
    react(article=second, reader_key="bot", kind=kinds["sad"])
    react(article=first, reader_key="human", kind=kinds["angry"])
    action = void_reactions(moderator=moderator, scope="reader", target="bot", reason="بوت")
    assert action.affected == 2
    assert reaction_state(article=first, reader_key=None).counts["angry"] == 1
    assert reaction_state(article=second, reader_key=None).total == 0


def test_voiding_an_address_hash_within_a_period(article, kinds, moderator):
    for i in range(3):
        react(article=article, reader_key=f"r{i}", kind=kinds["wow"], ip_hash="flood")
    old = Reaction.objects.get(reader_key="r0")
    Reaction.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    react(article=article, reader_key="other", kind=kinds["wow"], ip_hash="calm")

    now = timezone.now()
    action = void_reactions(
        moderator=moderator,
        scope="ip_hash",
        target="flood",
        reason="دفعة من عنوان واحد",
        start=now - timedelta(hours=1),
        end=now + timedelta(minutes=1),
    )
    assert action.affected == 2
    assert reaction_state(article=article, reader_key=None).counts["wow"] == 2
    assert Reaction.objects.live().filter(ip_hash="flood").get() == old
    assert_tallies_match_rows(article)


def test_undo_restores_the_voided_reactions_and_is_logged(article, kinds, moderator, superuser):
    for reader in ("a", "b"):
        react(article=article, reader_key=reader, kind=kinds["love"], ip_hash="h")
    action = void_reactions(moderator=moderator, scope="ip_hash", target="h", reason="خطأ")
    assert reaction_state(article=article, reader_key=None).total == 0

    action = undo_void(action=action, moderator=superuser)
    assert action.restored == 2
    assert action.undone_by == superuser
    assert action.undone_at is not None
    assert reaction_state(article=article, reader_key=None).counts["love"] == 2
    assert_tallies_match_rows(article)

    # Undoing twice changes nothing.
    assert undo_void(action=action, moderator=superuser).restored == 2
    assert reaction_state(article=article, reader_key=None).counts["love"] == 2


def test_undo_leaves_voided_a_reaction_whose_reader_reacted_again(article, kinds, moderator):
    react(article=article, reader_key="a", kind=kinds["love"])
    action = void_reactions(moderator=moderator, scope="reader", target="a", reason="x")
    react(article=article, reader_key="a", kind=kinds["sad"])

    action = undo_void(action=action, moderator=moderator)
    assert action.restored == 0
    assert reaction_state(article=article, reader_key="a").mine == "sad"
    assert Reaction.objects.live().count() == 1
    assert_tallies_match_rows(article)


def test_moderation_log_records_who_what_when_why(article, kinds, moderator):
    react(article=article, reader_key="a", kind=kinds["love"])
    void_reactions(moderator=moderator, scope="reader", target="a", reason="حساب وهمي")
    entry = ModerationAction.objects.get()
    assert (entry.moderator, entry.scope, entry.target, entry.reason, entry.affected) == (
        moderator,
        "reader",
        "a",
        "حساب وهمي",
        1,
    )
    assert entry.created_at is not None


def test_recount_repairs_tampered_tallies(kinds):
    first, second = ArticleFactory(), ArticleFactory()
    for i in range(5):
        react(article=first, reader_key=f"r{i}", kind=kinds["like"])
    react(article=second, reader_key="r0", kind=kinds["sad"])
    Tally.objects.filter(article=first, kind=kinds["like"]).update(count=42)
    Tally.objects.create(article=first, kind=kinds["wow"], count=7)
    Tally.objects.filter(article=second).delete()

    assert recount_tallies() == 3
    assert tallies(first) == {"like": 5, "wow": 0}
    assert tallies(second) == {"sad": 1}
    assert recount_tallies() == 0


def test_recount_command_can_be_limited_to_articles(kinds, capsys):
    first, second = ArticleFactory(), ArticleFactory()
    react(article=first, reader_key="r", kind=kinds["like"])
    react(article=second, reader_key="r", kind=kinds["like"])
    Tally.objects.update(count=9)

    with translation.override("en"):
        call_command("recount", str(first.pk))
    assert "Tallies corrected: 1" in capsys.readouterr().out
    assert tallies(first) == {"like": 1}
    assert tallies(second) == {"like": 9}
    call_command("recount")
    assert tallies(second) == {"like": 1}


def test_tap_target_reads_what_the_orm_queries_would(kinds):
    """The tap endpoint's one-statement read follows published() and active_counts()."""
    from articles.models import Article
    from reactions.services import active_counts, tap_target

    public = ArticleFactory(reactions_closed=True)
    react(article=ArticleFactory(), reader_key="elsewhere", kind=kinds["sad"])
    for reader, kind in (("r1", "like"), ("r2", "like"), ("r3", "wow")):
        Reaction.objects.create(article=public, reader_key=reader, kind=kinds[kind])
    recount_tallies()
    kinds["angry"].active = False
    kinds["angry"].save()

    article, found = tap_target(public.pk)
    assert (article.pk, article.slug, article.reactions_closed) == (public.pk, public.slug, True)
    assert [(k.slug, k.label_en, k.count) for k in found] == [
        (k.slug, k.label_en, k.count) for k in active_counts(public)
    ]
    assert {k.slug: k.count for k in found}["like"] == 2
    assert "angry" not in {k.slug for k in found}

    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(publish_at=timezone.now() + timedelta(hours=1))
    for hidden in (draft.pk, scheduled.pk, 10**9):
        assert tap_target(hidden) == (None, [])


def test_tap_records_a_new_reader_in_one_statement_and_follows_reacts_rules(
    kinds, django_assert_num_queries
):
    """The endpoint's tap: react()'s rules, a new reader's tap as one statement."""
    from articles.models import Article
    from reactions.services import ArticleUnavailableError, tap

    article = ArticleFactory()
    react(article=article, reader_key="earlier", kind=kinds["sad"])
    kinds["angry"].active = False
    kinds["angry"].save()

    with django_assert_num_queries(1):
        found, state = tap(article_id=article.pk, kind_slug="like", reader_key="new-reader")
    assert (found.pk, found.slug) == (article.pk, article.slug)
    assert state == reaction_state(article=article, reader_key="new-reader")
    assert state.counts == {"like": 1, "love": 0, "haha": 0, "wow": 0, "sad": 1}
    assert state.mine == "like" and state.total == 2
    assert_tallies_match_rows(article)

    # A returning reader moves their reaction, then takes it back, as with react().
    _, state = tap(article_id=article.pk, kind_slug="wow", reader_key="new-reader")
    assert (state.mine, state.counts["like"], state.counts["wow"]) == ("wow", 0, 1)
    _, state = tap(article_id=article.pk, kind_slug="wow", reader_key="new-reader")
    assert (state.mine, state.counts["wow"], state.total) == (None, 0, 1)
    assert_tallies_match_rows(article)

    # Refusals write nothing: an unknown or retired kind first, then a closed article.
    before = Reaction.objects.count()
    for slug in ("angry", "no-such-kind"):
        with pytest.raises(KindRetiredError) as refused:
            tap(article_id=article.pk, kind_slug=slug, reader_key="r2")
        assert refused.value.article.get_absolute_url() == article.get_absolute_url()
    closed = ArticleFactory(reactions_closed=True)
    with pytest.raises(ReactionsClosedError):
        tap(article_id=closed.pk, kind_slug="like", reader_key="r2")
    with pytest.raises(KindRetiredError):
        tap(article_id=closed.pk, kind_slug="angry", reader_key="r2")
    draft = ArticleFactory(status=Article.Status.DRAFT)
    scheduled = ArticleFactory(publish_at=timezone.now() + timedelta(hours=1))
    for hidden in (draft.pk, scheduled.pk, 10**9):
        with pytest.raises(ArticleUnavailableError):
            tap(article_id=hidden, kind_slug="like", reader_key="r2")
    assert Reaction.objects.count() == before
    assert_tallies_match_rows(closed)


def test_postgresql_plans_the_tap_once_per_connection(kinds):
    """Statements run often are prepared (settings: server-side binding): PostgreSQL
    parses and plans the tap once per connection, not on every tap."""
    from django.db import connection

    from reactions.services import tap

    article = ArticleFactory()
    for reader in range(6):
        tap(article_id=article.pk, kind_slug="like", reader_key=f"prepared-{reader}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans + custom_plans FROM pg_prepared_statements "
            "WHERE statement LIKE %s",
            ["%INSERT INTO reactions_tally%"],
        )
        plans = cursor.fetchall()
    assert plans, "the tap statement was not prepared"
    assert Tally.objects.get(article=article, kind=kinds["like"]).count == 6
