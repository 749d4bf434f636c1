"""Who may open what, end to end: anonymous readers, a logged-in reader (no staff flag),
reporters, editors, moderators and superusers against every public page, admin page and
admin action; and unpublished stories (drafts, stories in review, archived, scheduled)
unreachable without the right role by any path."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from reactions.models import ModerationAction, Reaction, ReactionKind
from reactions.services import react, void_reactions
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "reporter", "editor", "moderator", "superuser"]


@pytest.fixture
def people(django_user_model, reporter, editor, moderator, superuser):
    reader = django_user_model.objects.create_user("reader", password="pw-for-tests-only")
    return {
        "anonymous": None,
        "reader": reader,
        "reporter": reporter,
        "editor": editor,
        "moderator": moderator,
        "superuser": superuser,
    }


@pytest.fixture
def newsroom(people):
    like, _ = ReactionKind.objects.get_or_create(
        slug="like", defaults={"emoji": "👍", "label_ar": "أعجبني", "label_en": "Like"}
    )
    section = SectionFactory(name="سياسة", slug="سياسة")
    author = AuthorFactory(name="كاتب", slug="كاتب")
    published = ArticleFactory(
        section=section, authors=[author], hashtags=["المناخ"], created_by=people["editor"]
    )
    reporters_draft = ArticleFactory(
        status=Article.Status.DRAFT, publish_at=None, created_by=people["reporter"]
    )
    editors_draft = ArticleFactory(
        status=Article.Status.DRAFT, publish_at=None, created_by=people["editor"]
    )
    react(article=published, reader_key="someone", kind=like, ip_hash="abc123")
    action = void_reactions(
        moderator=people["moderator"], scope="ip_hash", target="abc123", reason="spam"
    )
    return {
        "section": section,
        "author": author,
        "published": published,
        "reporters_draft": reporters_draft,
        "editors_draft": editors_draft,
        "action": action,
    }


def admin(name, *args):
    return reverse(f"admin:{name}", args=args)


# Expected answer per role, in ROLES order: o = 200, l = redirect to the login page,
# a = redirect elsewhere (the admin's "no such object" bounce), f = 403, g = 404.
PAGES = {
    # public: the same for everyone
    "home": ("/", "oooooo"),
    "english home": ("/en/", "oooooo"),
    "section": ("/section/سياسة/", "oooooo"),
    "hashtag": ("/tag/المناخ/", "oooooo"),
    "author": ("/author/كاتب/", "oooooo"),
    "article": ("{published_url}", "oooooo"),
    "search": ("/search/?q=مشاورات", "oooooo"),
    "rss": ("/feeds/rss/", "oooooo"),
    "atom": ("/feeds/atom/", "oooooo"),
    "sitemap index": ("/sitemap.xml", "oooooo"),
    "news sitemap": ("/sitemap-news.xml", "oooooo"),
    "robots": ("/robots.txt", "oooooo"),
    "reactions api": ("/reactions/{published}/", "oooooo"),
    # the admin
    "admin index": ("/admin/", "lloooo"),
    "article list": ("/admin/articles/article/", "lloofo"),
    "article add": ("/admin/articles/article/add/", "llooGo"),
    "change own draft": ("/admin/articles/article/{reporters_draft}/change/", "llooGo"),
    "change others' draft": ("/admin/articles/article/{editors_draft}/change/", "llfoGo"),
    "delete own draft": ("/admin/articles/article/{reporters_draft}/delete/", "llooGo"),
    "delete others' draft": ("/admin/articles/article/{editors_draft}/delete/", "llfoGo"),
    "history": ("/admin/articles/article/{reporters_draft}/history/", "llfoGo"),
    "recover list": ("/admin/articles/article/recover/", "llfoGo"),
    "preview own draft": ("/admin/articles/article/{reporters_draft}/preview/", "llooGo"),
    "preview others' draft": ("/admin/articles/article/{editors_draft}/preview/", "llfoGo"),
    "hashtag suggestions": ("/admin/articles/article/hashtags/?q=م", "llooGo"),
    "sections": ("/admin/articles/section/", "llooGo"),
    "section add": ("/admin/articles/section/add/", "llfoGo"),
    "authors": ("/admin/articles/author/", "llooGo"),
    "author add": ("/admin/articles/author/add/", "llfoGo"),
    "hashtags": ("/admin/taggit/tag/", "llooGo"),
    "reaction kinds": ("/admin/reactions/reactionkind/", "llfooo"),
    "reaction kind add": ("/admin/reactions/reactionkind/add/", "llfoGo"),
    "reactions": ("/admin/reactions/reaction/", "llfGoo"),
    "reactions dashboard": ("/admin/reactions/reaction/dashboard/", "llffoo"),
    "reactions csv": ("/admin/reactions/reaction/dashboard/export.csv", "llffoo"),
    "void form": ("/admin/reactions/reaction/void/?scope=ip_hash&target=abc123", "llffoo"),
    "undo form": ("/admin/reactions/reaction/undo/{action}/", "llffoo"),
    "moderation log": ("/admin/reactions/moderationaction/", "llfGoo"),
    "users": ("/admin/auth/user/", "llfffo"),
    "groups": ("/admin/auth/group/", "llfffo"),
}
# G: 403 from Django's admin for a model the role has no right to. A story that exists but
# is not the role's to see is refused (f), not said to be missing or deleted.
CODES = {"o": {200}, "l": {302}, "a": {302}, "f": {403}, "g": {404}, "G": {403}}


def login_as(client, person):
    if person is not None:
        client.force_login(person)


@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix_of_pages(client, people, newsroom, role):
    login_as(client, people[role])
    ids = {key: getattr(value, "pk", None) for key, value in newsroom.items()}
    ids["published_url"] = newsroom["published"].get_absolute_url()
    wrong = []
    for name, (template, expected) in PAGES.items():
        url = template.format(**ids)
        code = expected[ROLES.index(role)]
        response = client.get(url)
        ok = response.status_code in CODES[code]
        if ok and code == "l":
            ok = "/admin/login/" in response["Location"]
        if ok and code == "a":
            ok = "/admin/login/" not in response["Location"]
        if not ok:
            wrong.append(f"{name}: expected {code}, got {response.status_code}")
    assert wrong == []


def changelist_action(client, action, ids, **extra):
    return client.post(
        "/admin/articles/article/",
        {"action": action, "_selected_action": [str(pk) for pk in ids], **extra},
    )


@pytest.mark.parametrize(
    ("role", "publishes"),
    [
        ("anonymous", False),
        ("reader", False),
        ("reporter", False),
        ("editor", True),
        ("moderator", False),
        ("superuser", True),
    ],
)
def test_bulk_publish_only_for_editors_and_superusers(client, people, newsroom, role, publishes):
    login_as(client, people[role])
    drafts = [newsroom["reporters_draft"], newsroom["editors_draft"]]
    changelist_action(client, "publish", [d.pk for d in drafts])
    statuses = set(
        Article.objects.filter(pk__in=[d.pk for d in drafts]).values_list("status", flat=True)
    )
    assert statuses == ({Article.Status.PUBLISHED} if publishes else {Article.Status.DRAFT})


@pytest.mark.parametrize("action", ["unpublish", "archive"])
def test_reporters_cannot_unpublish_or_archive_in_bulk(client, people, newsroom, action):
    login_as(client, people["reporter"])
    changelist_action(client, action, [newsroom["published"].pk])
    assert Article.objects.get(pk=newsroom["published"].pk).status == Article.Status.PUBLISHED


@pytest.mark.parametrize(
    ("role", "deleted"),
    [
        ("reader", set()),
        ("reporter", {"reporters_draft"}),
        ("moderator", set()),
        ("editor", {"reporters_draft", "editors_draft"}),
    ],
)
def test_bulk_delete_reaches_only_what_the_role_may_delete(client, people, newsroom, role, deleted):
    login_as(client, people[role])
    names = ["reporters_draft", "editors_draft"]
    changelist_action(client, "delete_selected", [newsroom[n].pk for n in names], post="yes")
    gone = {n for n in names if not Article.objects.filter(pk=newsroom[n].pk).exists()}
    assert gone == deleted


@pytest.mark.parametrize("role", ROLES)
def test_only_moderators_and_superusers_void_and_undo(client, people, newsroom, role):
    login_as(client, people[role])
    allowed = role in {"moderator", "superuser"}
    article = newsroom["published"]
    like = ReactionKind.objects.get(slug="like")
    react(article=article, reader_key="another", kind=like, ip_hash="def456")
    client.post(
        admin("reactions_void"),
        {"scope": "reader", "target": "another", "reason": "spam"},
    )
    assert Reaction.objects.live().filter(reader_key="another").exists() is not allowed
    client.post(admin("reactions_undo", newsroom["action"].pk))
    assert ModerationAction.objects.get(pk=newsroom["action"].pk).is_undone is allowed


# Unpublished stories, by any path.

SECRET_WORD = "زنجبيلستان"


@pytest.fixture
def hidden(people):
    section = SectionFactory(name="سري", slug="سري")
    author = AuthorFactory(name="كاتب سري", slug="كاتب-سري")
    future = timezone.now() + timedelta(hours=3)
    stories = {
        "draft": ArticleFactory(status=Article.Status.DRAFT, publish_at=None),
        "review": ArticleFactory(status=Article.Status.REVIEW),
        "archived": ArticleFactory(status=Article.Status.ARCHIVED),
        "scheduled": ArticleFactory(publish_at=future),
    }
    for story in stories.values():
        story.title = f"{SECRET_WORD} {story.status}"
        story.body = f"<p>{SECRET_WORD}</p>"
        story.section = section
        story.save()
        story.tags.set(["سري"])
        story.authors.set([author])
        story.refresh_search_document()
    old_slug = stories["draft"].slug
    stories["draft"].title = f"{SECRET_WORD} عنوان جديد"
    stories["draft"].save()
    ReactionKind.objects.get_or_create(
        slug="like", defaults={"emoji": "👍", "label_ar": "أعجبني", "label_en": "Like"}
    )
    return stories, old_slug


LISTINGS = [
    "/",
    "/en/",
    "/section/سري/",
    "/tag/سري/",
    "/author/كاتب-سري/",
    f"/search/?q={SECRET_WORD}",
    "/feeds/rss/",
    "/feeds/atom/",
    "/section/سري/rss/",
    "/section/سري/atom/",
    "/tag/سري/rss/",
    "/tag/سري/atom/",
    "/sitemap.xml",
    "/sitemap-news.xml",
    "/sitemap-articles.xml",
    "/sitemap-sections.xml",
    "/sitemap-hashtags.xml",
    "/sitemap-authors.xml",
]


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_stories_are_unreachable_by_any_public_path(client, people, hidden, role):
    """Public addresses show only published stories, to everyone (staff preview instead)."""
    stories, old_slug = hidden
    login_as(client, people[role])
    for state, story in stories.items():
        for url in (
            f"/news/{story.pk}/",
            f"/news/{story.pk}/{story.slug}/",
            f"/news/{story.pk}/{old_slug}/",
            f"/en/news/{story.pk}/{story.slug}/",
            f"/reactions/{story.pk}/",
        ):
            assert client.get(url).status_code == 404, (state, url)
        response = client.post(
            f"/reactions/{story.pk}/", {"kind": "like"}, headers={"accept": "application/json"}
        )
        assert response.status_code == 404, state
        assert not Reaction.objects.filter(article=story).exists()
    for url in LISTINGS:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        body = response.content.decode()
        if "search" not in url:  # the search page repeats the query itself
            assert SECRET_WORD not in body, url
        for story in stories.values():
            assert story.title not in body and f"/news/{story.pk}/" not in body, url


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("anonymous", False),
        ("reader", False),
        ("moderator", False),
        ("reporter", False),
        ("editor", True),
        ("superuser", True),
    ],
)
def test_previews_only_for_the_staff_who_may_see_the_story(client, people, hidden, role, sees):
    stories, _ = hidden  # created by nobody: only editors and superusers see them
    login_as(client, people[role])
    for story in stories.values():
        response = client.get(admin("articles_article_preview", story.pk))
        assert (response.status_code == 200) is sees, role
        if sees:
            assert SECRET_WORD in response.content.decode()
            assert "private" in response["Cache-Control"]  # never kept by a shared cache


def test_scheduled_story_id_guessing_stays_404_until_its_time(client, hidden, time_machine):
    stories, _ = hidden
    scheduled = stories["scheduled"]
    assert client.get(f"/news/{scheduled.pk}/").status_code == 404
    time_machine.move_to(timezone.now() + timedelta(hours=4))
    assert client.get(f"/news/{scheduled.pk}/").status_code == 301
