"""A hashtag merge racing an editor saving a story, on real PostgreSQL connections.

Each request runs in a thread of its own (Django's connections are per thread), through the
admin as an editor would send it. The data is committed for real so that every connection
sees it; the test's own thread only reads. The order of the race is forced with database
locks: a third connection holds a story, so that one side stops where it must wait for it,
and the test checks in pg_stat_activity that the other side is waiting before letting go.
"""

import threading
import time
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Revision
from taggit.models import Tag

from articles.models import Article, FormerHashtag, Section
from articles.roles import EDITORS
from tests.articles.test_admin_roles import form_data
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def on_its_own_connection(work):
    """``work()`` in a thread of its own: committed at once, whatever this test's transaction."""
    racer = Racer(work)
    racer.start()
    return racer.outcome()


@pytest.fixture
def committed(django_user_model):
    """An editor and stories committed for real (see the module's docstring); removed after."""

    def create():
        editor = django_user_model.objects.create_user(
            username="merging-editor", password="pw-for-tests-only", is_staff=True
        )
        editor.groups.add(Group.objects.get(name=EDITORS))
        Tag.objects.create(name="قطاع_غزة", slug="قطاع_غزة")
        return SimpleNamespace(
            editor=editor,
            opened=ArticleFactory(title="معبر رفح يفتح أبوابه", hashtags=["غزة", "رفح"]),
            held=ArticleFactory(title="قوافل الإغاثة تنتظر", hashtags=["غزة"]),
            adding=ArticleFactory(title="حركة الصيادين في الميناء", hashtags=["رفح"]),
        )

    def remove(made):
        stories = [made.opened, made.held, made.adding]
        Revision.objects.filter(user=made.editor).delete()
        Article.objects.filter(pk__in=[s.pk for s in stories]).delete()
        Section.objects.filter(pk__in=[s.section_id for s in stories]).delete()
        FormerHashtag.objects.filter(slug="غزة").delete()
        Tag.objects.filter(name__in=["غزة", "قطاع_غزة", "رفح"]).delete()
        made.editor.delete()  # and its admin log entries

    made = on_its_own_connection(create)
    yield made
    Racer.finish_all()  # a failed test may have left a story held and others waiting
    on_its_own_connection(lambda: remove(made))


def as_editor(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def merge(editor, keep: str, *names: str):
    tags = Tag.objects.filter(name__in=[keep, *names])
    data = {
        "action": "merge_selected",
        "post": "yes",
        "_selected_action": [tag.pk for tag in tags],
        "keep": Tag.objects.get(name=keep).pk,
    }
    return as_editor(editor).post("/admin/taggit/tag/", data)


def save_story(editor, story, tags: str):
    """The story's form as the editor opened it (its version) with ``tags`` typed."""
    data = form_data(
        story.section,
        title=story.title,
        tags=tags,
        status="published",
        publish_at_0=f"{timezone.localtime(story.publish_at):%Y-%m-%d}",
        publish_at_1=f"{timezone.localtime(story.publish_at):%H:%M:%S}",
        edit_version=story.version,
    )
    return as_editor(editor).post(reverse("admin:articles_article_change", args=[story.pk]), data)


class Racer(threading.Thread):
    """Runs ``work`` on a connection of its own; keeps its answer or its error."""

    started: list["Racer"] = []

    def __init__(self, work):
        super().__init__(daemon=True)
        self.work, self.result, self.error = work, None, None
        self.release = threading.Event()  # for those that hold something until told
        Racer.started.append(self)

    @classmethod
    def finish_all(cls) -> None:
        for racer in cls.started:
            racer.release.set()
        for racer in cls.started:
            racer.join(timeout=60)
        cls.started.clear()

    def run(self):
        try:
            self.result = self.work()
        except BaseException as error:
            self.error = error
        finally:
            connection.close()

    def outcome(self):
        self.join(timeout=60)
        assert not self.is_alive(), "still waiting after a minute"
        if self.error:
            raise self.error
        return self.result


class HoldStory(Racer):
    """Locks a story's row until released, as a slow save of it would."""

    def __init__(self, story):
        locked = threading.Event()

        def hold():
            with transaction.atomic():
                Article.objects.select_for_update().get(pk=story.pk)
                locked.set()
                self.release.wait(timeout=60)

        super().__init__(hold)
        self.start()
        assert locked.wait(timeout=10)


def wait_until_waiting(count: int) -> None:
    """Until ``count`` connections to this database wait for a lock."""
    deadline = time.monotonic() + 20
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # fresh figures each time
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0] >= count:
                return
            time.sleep(0.02)
    raise AssertionError(f"fewer than {count} connections waiting for a lock")


def names(story) -> list[str]:
    return sorted(
        Tag.objects.filter(articles_taggedarticle_items__content_object=story.pk).values_list(
            "name", flat=True
        )
    )


def test_a_story_saved_while_a_merge_runs_is_saved_with_the_kept_hashtag(committed):
    """The merge has locked its hashtags and waits for a story; meanwhile an editor saves a
    story whose form still says #غزة. The save waits for the merge, then finds #قطاع_غزة:
    it neither fails nor brings #غزة back."""
    holder = HoldStory(committed.held)
    merging = Racer(lambda: merge(committed.editor, "قطاع_غزة", "غزة"))
    merging.start()
    wait_until_waiting(1)  # the merge, for the held story
    saving = Racer(lambda: save_story(committed.editor, committed.opened, "#غزة، #رفح"))
    saving.start()
    wait_until_waiting(2)  # and the save, for the merge's hashtags
    holder.release.set()

    assert merging.outcome().status_code == 302
    assert saving.outcome().status_code == 302
    holder.outcome()
    assert names(committed.opened) == ["رفح", "قطاع_غزة"]
    assert names(committed.held) == ["قطاع_غزة"]
    assert not Tag.objects.filter(name="غزة").exists()


def test_a_merge_started_while_a_story_is_saved_moves_the_story_too(committed):
    """An editor adds #غزة to a story; the save holds its hashtags and waits for the story
    row. A merge of #غزة started then waits for the save, and moves the story it saved."""
    holder = HoldStory(committed.adding)
    saving = Racer(lambda: save_story(committed.editor, committed.adding, "#رفح، #غزة"))
    saving.start()
    wait_until_waiting(1)  # the save, for the held story
    merging = Racer(lambda: merge(committed.editor, "قطاع_غزة", "غزة"))
    merging.start()
    wait_until_waiting(2)  # and the merge, for the hashtags the save holds
    holder.release.set()

    assert saving.outcome().status_code == 302
    assert merging.outcome().status_code == 302
    holder.outcome()
    assert names(committed.adding) == ["رفح", "قطاع_غزة"]
    assert names(committed.opened) == ["رفح", "قطاع_غزة"]
    assert not Tag.objects.filter(name="غزة").exists()


def test_saves_and_a_merge_at_the_same_instant_lose_no_hashtag(committed):
    """No forced order: every story saved with #غزة typed, and the merge, start together."""
    stories = [committed.opened, committed.held, committed.adding]
    barrier = threading.Barrier(len(stories) + 1)

    def at_once(work):
        return lambda: (barrier.wait(timeout=10), work())[1]

    racers = [
        Racer(at_once(lambda s=story: save_story(committed.editor, s, "#غزة، #رفح")))
        for story in stories
    ]
    racers.append(Racer(at_once(lambda: merge(committed.editor, "قطاع_غزة", "غزة"))))
    for racer in racers:
        racer.start()

    assert [racer.outcome().status_code for racer in racers] == [302] * len(racers)
    for story in stories:
        assert names(story) == ["رفح", "قطاع_غزة"], story.title
    assert not Tag.objects.filter(name="غزة").exists()


def test_two_editors_going_on_with_one_merge_at_once_move_each_story_once(committed, settings):
    """A merge bigger than a request's share, the merge page pressed by two editors at the
    same moment: the second waits for the first's hashtags, then moves the stories the first
    left, not the same ones again, and finishes the merge."""
    settings.NEWSROOM_MERGE_IN_ADMIN_LIMIT = 1  # #غزة's two stories: one a request
    holder = HoldStory(committed.opened)  # the first by id, which the first request takes
    first = Racer(lambda: merge(committed.editor, "قطاع_غزة", "غزة"))
    first.start()
    wait_until_waiting(1)  # the first request, for the held story
    second = Racer(lambda: merge(committed.editor, "قطاع_غزة", "غزة"))
    second.start()
    wait_until_waiting(2)  # and the second, for the hashtags the first holds
    holder.release.set()

    answers = sorted([first.outcome().status_code, second.outcome().status_code])
    holder.outcome()
    assert answers == [200, 302]  # the page again (one story left), then the merge done
    assert names(committed.opened) == ["رفح", "قطاع_غزة"]
    assert names(committed.held) == ["قطاع_غزة"]
    assert not Tag.objects.filter(name="غزة").exists()
    assert FormerHashtag.objects.filter(slug="غزة", tag__name="قطاع_غزة").exists()
