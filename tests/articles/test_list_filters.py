"""The stories list's filters, as an editor uses them to find a story."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.articles.test_admin_roles import CHANGELIST
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    now = timezone.now()
    return {
        "draft": ArticleFactory(title="مسودة المراسل", status="draft", publish_at=None),
        "review": ArticleFactory(title="خبر ينتظر المراجعة", status="review", publish_at=None),
        "scheduled": ArticleFactory(title="خبر الليلة", publish_at=now + timedelta(hours=5)),
        "published": ArticleFactory(title="خبر الصباح", publish_at=now - timedelta(hours=2)),
        "archived": ArticleFactory(title="خبر قديم", status="archived"),
    }


def titles(html: str) -> set[str]:
    return set(re.findall(r'<td class="field-title"><a [^>]*>(.*?)</a>', html))


def test_the_status_filter_names_scheduled_stories_as_the_list_does(client, editor, stories):
    client.force_login(editor)
    html = client.get(CHANGELIST).content.decode()
    choices = re.search(r'<details data-filter-title="الحالة"[^>]*>(.*?)</ul>', html, re.S)
    labels = re.findall(r'<a href="\?([^"]*)">(.*?)</a>', choices.group(1))
    assert [label for _, label in labels] == [
        "الكل", "مسودة", "قيد المراجعة", "مجدول", "منشور", "مؤرشف",
    ]  # fmt: skip
    assert labels[3][0] == "status__exact=scheduled"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("scheduled", {"خبر الليلة"}),
        ("published", {"خبر الصباح"}),
        ("draft", {"مسودة المراسل"}),
        ("review", {"خبر ينتظر المراجعة"}),
        ("archived", {"خبر قديم"}),
    ],
)
def test_each_status_lists_its_own_stories(client, editor, stories, value, expected):
    """«منشور» lists what the public sees, «مجدول» what is still to go out, each row's
    status column saying the same."""
    client.force_login(editor)
    html = client.get(CHANGELIST, {"status__exact": value}).content.decode()
    assert titles(html) == expected
    shown = re.findall(r'<td class="field-status_label">(.*?)</td>', html)
    assert len(shown) == 1


def test_a_scheduled_story_moves_to_published_when_its_time_comes(
    client, editor, stories, time_machine
):
    time_machine.move_to(timezone.now() + timedelta(hours=6))
    client.force_login(editor)
    published = client.get(CHANGELIST, {"status__exact": "published"}).content.decode()
    assert titles(published) == {"خبر الصباح", "خبر الليلة"}
    assert titles(client.get(CHANGELIST, {"status__exact": "scheduled"}).content.decode()) == set()


@pytest.mark.parametrize(("prefix", "label"), [("", "بلا كاتب"), ("/en", "No author")])
def test_stories_without_an_author_are_one_named_choice(client, editor, prefix, label):
    from tests.factories import AuthorFactory

    ArticleFactory(title="خبر الوكالة", authors=[AuthorFactory(name="سلمى الحداد")])
    ArticleFactory(title="خبر بلا توقيع")
    client.force_login(editor)
    html = client.get(prefix + CHANGELIST).content.decode()
    byline = r'<details data-filter-title="(?:الكتّاب|Authors)"[^>]*>(.*?)</ul>'
    choices = re.search(byline, html, re.S)
    links = re.findall(r'<a href="\?([^"]*)">(.*?)</a>', choices.group(1))
    assert links[-1] == ("authors__isnull=True", label)
    assert '<a href="?authors__isnull=True">-</a>' not in html
    unsigned = client.get(prefix + CHANGELIST, {"authors__isnull": "True"}).content.decode()
    assert titles(unsigned) == {"خبر بلا توقيع"}
