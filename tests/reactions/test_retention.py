"""Reader data ages out: `purge_reader_data` blanks old address hashes and deletes old
voided reactions, leaving live reactions and the counts alone."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from reactions.models import ModerationAction, Reaction, Tally
from reactions.services import react, void_reactions

pytestmark = pytest.mark.django_db


def aged(reaction: Reaction, days: int) -> None:
    """Make a reaction (and its voiding, if any) ``days`` old, behind auto_now's back."""
    when = timezone.now() - timedelta(days=days)
    fields = {"created_at": when, "updated_at": when}
    if reaction.voided_at is not None:
        fields["voided_at"] = when
    Reaction.objects.filter(pk=reaction.pk).update(**fields)


@pytest.fixture
def reactions(article, kinds, moderator):
    def tap(reader, kind, address_hash):
        react(article=article, reader_key=reader, kind=kinds[kind], ip_hash=address_hash)
        return Reaction.objects.get(reader_key=reader, voided_at__isnull=True)

    rows = {
        "old_live": tap("r-old", "like", "hash-old"),
        "new_live": tap("r-new", "love", "hash-new"),
        "old_voided": tap("r-old-void", "sad", "hash-ov"),
        "new_voided": tap("r-new-void", "sad", "hash-nv"),
    }
    for name in ("old_voided", "new_voided"):
        void_reactions(
            moderator=moderator, scope="reaction", target=str(rows[name].pk), reason="spam"
        )
        rows[name].refresh_from_db()
    # A logged void of an address hash (only its target ages out here).
    ip_action = ModerationAction.objects.create(
        moderator=moderator, scope="ip_hash", target="hash-x", reason="x", affected=1
    )
    ModerationAction.objects.filter(pk=ip_action.pk).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    aged(rows["old_live"], 40)
    aged(rows["old_voided"], 40)
    aged(rows["new_live"], 3)
    aged(rows["new_voided"], 3)
    return rows


def tallies(article):
    return dict(Tally.objects.filter(article=article).values_list("kind__slug", "count"))


def test_purge_blanks_old_hashes_and_deletes_old_voided_rows(reactions, article, capsys):
    before = tallies(article)
    call_command("purge_reader_data", "--days", "30")
    assert "1 voided reactions deleted" in capsys.readouterr().out

    old_live = Reaction.objects.get(pk=reactions["old_live"].pk)
    assert old_live.ip_hash == "" and old_live.is_live  # the reaction still counts
    assert Reaction.objects.get(pk=reactions["new_live"].pk).ip_hash == "hash-new"
    assert not Reaction.objects.filter(pk=reactions["old_voided"].pk).exists()
    assert Reaction.objects.filter(pk=reactions["new_voided"].pk).exists()
    assert ModerationAction.objects.get(scope="ip_hash").target == ""
    assert tallies(article) == before == {"like": 1, "love": 1, "sad": 0}


def test_default_period_comes_from_settings(reactions, settings):
    settings.REACTIONS_RETENTION_DAYS = 2
    call_command("purge_reader_data")
    assert not Reaction.objects.exclude(ip_hash="").filter(voided_at__isnull=True).exists()
    assert not Reaction.objects.voided().exists()


def test_running_twice_changes_nothing_more(reactions):
    call_command("purge_reader_data", "--days", "30")
    snapshot = list(Reaction.objects.order_by("pk").values())
    call_command("purge_reader_data", "--days", "30")
    assert list(Reaction.objects.order_by("pk").values()) == snapshot


def test_negative_days_are_refused():
    with pytest.raises(CommandError):
        call_command("purge_reader_data", "--days", "-1")
