import io
import json

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from taggit.models import Tag

from articles.management.commands import load_demo
from articles.models import Article, Author, Section

pytestmark = pytest.mark.django_db


def load(**options):
    out = io.StringIO()
    call_command("load_demo", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def three_stories(tmp_path, monkeypatch):
    """The demo cut to its first three stories, where all 36 are not needed: each takes a
    tenth of a second to save, and half a second more to draw and encode its picture."""
    content = json.loads(load_demo.CONTENT.read_text(encoding="utf-8"))
    content["articles"] = content["articles"][:3]
    trimmed = tmp_path / "content.json"
    trimmed.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(load_demo, "CONTENT", trimmed)


def test_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    before = Article.objects.count()
    with pytest.raises(CommandError, match="DEBUG"):
        load(no_images=True)
    assert Article.objects.count() == before


def test_demo_newsroom_is_complete_and_safe_to_load_twice(settings):
    settings.DEBUG = True
    output = load(no_images=True)
    assert Section.objects.count() >= 4
    assert Author.objects.count() >= 3
    assert Article.objects.published().count() >= 30
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert sum(a.is_scheduled for a in Article.objects.all()) == 1
    assert Tag.objects.filter(slug="الساحل_الإفريقي").exists()
    for username, password in [
        ("editor", "demo-editor-2026"),
        ("reporter", "demo-reporter-2026"),
        ("moderator", "demo-moderator-2026"),
        ("admin", "demo-admin-2026"),
    ]:
        assert f"{username}" in output and password in output
        assert authenticate(username=username, password=password) is not None

    count = Article.objects.count()
    load(no_images=True)
    assert Article.objects.count() == count


def test_forced_demo_in_production_is_possible(settings, three_stories):
    settings.DEBUG = False
    load(no_images=True, force=True)
    assert Article.objects.published().count() == 3


def test_demo_images_are_generated(settings, three_stories):
    settings.DEBUG = True
    load()
    stories = Article.objects.exclude(image="")
    assert stories.count() == 3
    for article in stories:
        assert article.image_renditions
        assert article.image_alt
    # Each story its own picture.
    assert len({article.image.read() for article in stories}) == 3
