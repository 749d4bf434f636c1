"""Merging hashtags in the admin: «دمج الوسوم المحددة», its confirmation page, what it does
to the stories, their history and the pages showing them, and the old addresses."""

import io

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from reversion.models import Version
from taggit.models import Tag

from articles import history, search
from articles.hashtag_merge import HashtagsGone, merge_hashtags
from articles.models import Article, FormerHashtag
from tests.articles.test_admin_roles import form_data
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/taggit/tag/"


def tag(name):
    return Tag.objects.get(name=name)


def ask(client, *tags):
    """The action chosen on the list: answers with the confirmation page."""
    return client.post(
        CHANGELIST, {"action": "merge_selected", "_selected_action": [t.pk for t in tags]}
    )


def confirm(client, tags, keep, **extra):
    """The confirmation page's form, submitted."""
    data = {
        "action": "merge_selected",
        "post": "yes",
        "_selected_action": [t.pk for t in tags],
        "keep": getattr(keep, "pk", keep),
        **extra,
    }
    return client.post(CHANGELIST, data, follow=True)


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


@pytest.fixture
def gaza():
    """#غزة on three stories, #قطاع_غزة on two (one has both), #غزه (misspelt) on one."""
    both = ArticleFactory(title="قصف على خان يونس", hashtags=["غزة", "قطاع_غزة", "فلسطين"])
    stories = [
        ArticleFactory(title="مساعدات عبر رفح", hashtags=["غزة"]),
        ArticleFactory(title="هدنة إنسانية", hashtags=["غزة", "غزه"]),
        ArticleFactory(title="مستشفيات الشمال", hashtags=["قطاع_غزة"]),
        both,
    ]
    return stories


def test_the_confirmation_page_lists_the_hashtags_with_their_stories(client, editor, gaza):
    client.force_login(editor)
    listing = client.get(CHANGELIST).content.decode()
    assert "دمج الوسوم المحددة" in listing

    page = ask(client, tag("قطاع_غزة"), tag("غزة"), tag("غزه"))

    assert page.status_code == 200
    html = page.content.decode()
    assert "اختر الوسم الذي يبقى" in html
    rows = [(t.name, t.story_count) for t in page.context["hashtags"]]
    assert rows == [("غزة", 3), ("قطاع_غزة", 2), ("غزه", 1)]  # the most used first
    assert html.count('type="radio" name="keep"') == 3
    # The most used is chosen unless the editor picks another.
    assert f'value="{tag("غزة").pk}" id="keep-{tag("غزة").pk}" checked' in html
    assert 'name="post" value="yes"' in html
    assert '<html lang="ar" dir="rtl"' in html
    # Nothing is merged by asking.
    assert Tag.objects.count() == 4


def test_merging_tags_every_story_once_with_the_kept_hashtag(
    client, editor, gaza, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    gaza_, strip, misspelt = tag("غزة"), tag("قطاع_غزة"), tag("غزه")

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, [gaza_, strip, misspelt], keep=strip)

    assert response.redirect_chain == [(CHANGELIST, 302)]
    assert messages_of(response) == [
        "دُمج الوسمان #غزة، #غزه في الوسم #قطاع_غزة. للوسم #قطاع_غزة الآن 4 مقالات."
    ]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["فلسطين", "قطاع_غزة"]
    for story in gaza:
        names = list(story.tags.names())
        assert names.count("قطاع_غزة") == 1, story.title
    both = gaza[3]
    assert sorted(both.tags.names()) == ["فلسطين", "قطاع_غزة"]
    # The stories are found by the kept hashtag: the search documents follow.
    found = Article.objects.published().search(search.parse_query("هدنة قطاع غزة"))
    assert [a.title for a in found] == ["هدنة إنسانية"]


def test_a_merge_is_in_the_admin_log_and_each_story_history(client, editor, gaza):
    client.force_login(editor)
    gaza_, strip, misspelt = tag("غزة"), tag("قطاع_غزة"), tag("غزه")
    merged_ids = [gaza_.pk, misspelt.pk]
    confirm(client, [gaza_, strip, misspelt], keep=strip)

    # Kept untranslated (articles.history): each reader reads it in their language.
    said = "دُمج الوسمان #غزة، #غزه في الوسم #قطاع_غزة."
    in_english = "The hashtags #غزة, #غزه were merged into #قطاع_غزة."
    kept_entry = LogEntry.objects.get(object_id=str(strip.pk), content_type__model="tag")
    assert (kept_entry.action_flag, history.readable(kept_entry.change_message)) == (CHANGE, said)
    kept_history = reverse("admin:taggit_tag_history", args=[strip.pk])
    assert said in client.get(kept_history).content.decode()
    for merged_id, name in zip(merged_ids, ["غزة", "غزه"], strict=True):
        gone = LogEntry.objects.get(object_id=str(merged_id), content_type__model="tag")
        assert (gone.action_flag, gone.object_repr, gone.user) == (DELETION, name, editor)

    moved = [gaza[0], gaza[1], gaza[3]]  # those with #غزة; gaza[2] had only #قطاع_غزة
    for story in moved:
        entry = LogEntry.objects.get(object_id=str(story.pk), content_type__model="article")
        assert (history.readable(entry.change_message), entry.user) == (said, editor)
        version = Version.objects.get_for_object(story).get()
        assert version.revision.user == editor
        # The revision holds the story as it is now, with the kept hashtag.
        tagged = version.revision.version_set.filter(content_type__model="taggedarticle")
        kept_on_it = [v for v in tagged if v.field_dict["content_object_id"] == story.pk]
        assert [v.field_dict["tag_id"] for v in kept_on_it].count(strip.pk) == 1
        with translation.override("ar"):
            page = reverse("admin:articles_article_history", args=[story.pk])
        assert said in client.get(page).content.decode()
        with translation.override("en"):
            assert in_english in client.get("/en" + page).content.decode()
    assert not Version.objects.get_for_object(gaza[2]).exists()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_old_addresses_of_a_merged_hashtag_lead_permanently_to_the_kept_one(
    client, editor, gaza, prefix
):
    client.force_login(editor)
    confirm(client, [tag("غزة"), tag("غزه"), tag("قطاع_غزة")], keep=tag("قطاع_غزة"))
    client.logout()
    kept = "/tag/%D9%82%D8%B7%D8%A7%D8%B9_%D8%BA%D8%B2%D8%A9/"
    for old in ("غزة", "غزه"):
        page = client.get(f"{prefix}/tag/{old}/?page=1")
        assert (page.status_code, page["Location"]) == (301, f"{prefix}{kept}?page=1")
        for feed in ("rss", "atom"):
            moved = client.get(f"{prefix}/tag/{old}/{feed}/")
            assert (moved.status_code, moved["Location"]) == (301, f"{prefix}{kept}{feed}/")
            assert client.get(moved["Location"]).status_code == 200
    assert client.get(f"{prefix}{kept}").status_code == 200
    assert client.get(f"{prefix}/tag/موريتانيا/").status_code == 404


def test_addresses_merged_twice_lead_to_the_last_hashtag(client, editor, gaza):
    client.force_login(editor)
    confirm(client, [tag("غزة"), tag("قطاع_غزة")], keep=tag("قطاع_غزة"))
    confirm(client, [tag("قطاع_غزة"), tag("فلسطين")], keep=tag("فلسطين"))
    for old in ("غزة", "قطاع_غزة"):
        assert (
            client.get(f"/tag/{old}/")["Location"] == "/tag/%D9%81%D9%84%D8%B3%D8%B7%D9%8A%D9%86/"
        )


def test_a_merged_name_typed_in_a_story_means_the_kept_hashtag(client, editor, gaza):
    client.force_login(editor)
    confirm(client, [tag("غزة"), tag("قطاع_غزة")], keep=tag("قطاع_غزة"))

    # #غزة as it was written means the hashtag it was merged into, though #غزه (another
    # spelling of it) is still a hashtag of its own; #غزۃ (Urdu keyboard) means #غزه.
    data = form_data(SectionFactory(), title="خبر عن غزة", tags="#غزة، #غزۃ، #رفح")
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    story = Article.objects.get(title="خبر عن غزة")
    assert sorted(story.tags.names()) == ["رفح", "غزه", "قطاع_غزة"]
    assert not Tag.objects.filter(name="غزة").exists()
    # And the hashtags admin will not make it a hashtag of its own again.
    confirm(client, [tag("غزه"), tag("قطاع_غزة")], keep=tag("قطاع_غزة"))
    refused = client.post("/admin/taggit/tag/add/", {"name": "#غزة"})
    assert refused.context["adminform"].form.errors["name"] == [
        "هذا الاسم كان لوسم دُمج في #قطاع_غزة أو صار اسمه #قطاع_غزة، فاكتب #قطاع_غزة."
    ]


def test_a_story_form_opened_before_a_merge_is_saved_with_the_kept_hashtag(client, editor, gaza):
    story = gaza[1]  # #غزة only
    client.force_login(editor)
    opened = form_data(
        story.section, title=story.title, tags="#غزة، #رفح", edit_version=story.version
    )
    confirm(client, [tag("غزة"), tag("قطاع_غزة")], keep=tag("قطاع_غزة"))

    saved = client.post(reverse("admin:articles_article_change", args=[story.pk]), opened)

    assert saved.status_code == 302
    assert sorted(story.tags.names()) == ["رفح", "قطاع_غزة"]
    assert not Tag.objects.filter(name="غزة").exists()


def test_merging_refreshes_the_cached_pages_showing_the_stories(
    client, editor, gaza, django_capture_on_commit_callbacks
):
    story, other = gaza[1], ArticleFactory(title="خبر لا صلة له", hashtags=["الاقتصاد"])
    pages = [story.get_absolute_url(), "/tag/قطاع_غزة/", "/", story.section.get_absolute_url()]
    untouched = [other.get_absolute_url(), "/tag/الاقتصاد/"]
    for url in [*pages, *untouched]:
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert "مساعدات عبر رفح" not in client.get("/tag/قطاع_غزة/").content.decode()

    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, [tag("غزة"), tag("قطاع_غزة")], keep=tag("قطاع_غزة"))
    client.logout()

    for url in pages:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "مساعدات عبر رفح" in client.get("/tag/قطاع_غزة/").content.decode()
    assert "#قطاع_<wbr>غزة" in client.get(story.get_absolute_url()).content.decode()
    for url in untouched:
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_a_reporter_may_not_merge(client, reporter, gaza):
    client.force_login(reporter)
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200  # reporters see the hashtags
    assert "دمج الوسوم المحددة" not in listing.content.decode()

    refused = confirm(client, [tag("غزة"), tag("قطاع_غزة")], keep=tag("قطاع_غزة"))
    assert refused.status_code == 403
    assert ask(client, tag("غزة"), tag("قطاع_غزة")).status_code == 403
    assert Tag.objects.count() == 4


def test_merging_one_hashtag_with_itself_is_refused(client, editor, gaza):
    client.force_login(editor)
    alone = tag("غزة")
    for response in (
        client.post(
            CHANGELIST,
            {"action": "merge_selected", "_selected_action": [alone.pk, alone.pk]},
            follow=True,
        ),
        confirm(client, [alone, alone], keep=alone),
    ):
        assert response.status_code == 200
        assert messages_of(response) == ["اختر وسمين مختلفين أو أكثر لدمجها."]
    assert Tag.objects.count() == 4


@pytest.mark.parametrize("keep", ["other", "", "x"])
def test_keeping_a_hashtag_not_among_those_chosen_is_refused(client, editor, gaza, keep):
    client.force_login(editor)
    keep = tag("فلسطين").pk if keep == "other" else keep
    response = confirm(client, [tag("غزة"), tag("قطاع_غزة")], keep=keep)
    assert response.status_code == 200
    html = response.content.decode()
    assert "اختر الوسم الذي يبقى" in html and 'class="errornote"' in html
    assert Tag.objects.count() == 4


def test_a_hashtag_deleted_meanwhile_merges_nothing(client, editor, gaza):
    client.force_login(editor)
    chosen = [tag("غزة"), tag("قطاع_غزة"), tag("غزه")]
    ask(client, *chosen)
    Tag.objects.filter(name="غزه").delete()  # by another editor, before this one confirms

    response = confirm(client, chosen, keep=tag("قطاع_غزة"))

    assert response.status_code == 200
    assert "لم يعد أحد الوسوم المحددة موجودًا" in messages_of(response)[0]
    assert Tag.objects.filter(name="غزة").exists()
    assert sorted(gaza[0].tags.names()) == ["غزة"]


def test_a_kept_hashtag_deleted_meanwhile_merges_nothing(client, editor, gaza):
    client.force_login(editor)
    chosen = [tag("غزة"), tag("قطاع_غزة")]
    keep = tag("قطاع_غزة")
    keep.delete()
    response = confirm(client, chosen, keep=chosen[1].pk)
    assert "لم يعد أحد الوسوم المحددة موجودًا" in messages_of(response)[0]
    assert Tag.objects.filter(name="غزة").exists()


def test_the_kept_hashtag_names_its_former_names(client, editor, gaza):
    client.force_login(editor)
    confirm(client, [tag("غزة"), tag("غزه"), tag("قطاع_غزة")], keep=tag("قطاع_غزة"))
    page = client.get(reverse("admin:taggit_tag_change", args=[tag("قطاع_غزة").pk]))
    assert "#غزة، #غزه: روابطها القديمة تقود إلى هذا الوسم." in page.content.decode()


def test_the_service_merges_nothing_when_a_hashtag_is_gone(editor, gaza):
    with pytest.raises(HashtagsGone):
        merge_hashtags(keep=tag("قطاع_غزة").pk, merge=[tag("غزة").pk, 10**9], user=editor)
    assert sorted(gaza[0].tags.names()) == ["غزة"]
    assert not FormerHashtag.objects.exists()


def test_a_merge_too_big_for_one_request_goes_on_over_several(
    client, editor, gaza, settings, django_capture_on_commit_callbacks
):
    """More stories than a request can move before its timeout: the page moves its share,
    says what is left and comes back, and the editor goes on until the merge is done. Before,
    it refused the merge and named a shell command a newsroom may have no one to run."""
    settings.NEWSROOM_MERGE_IN_ADMIN_LIMIT = 2
    client.force_login(editor)
    gaza_, strip, misspelt = tag("غزة"), tag("قطاع_غزة"), tag("غزه")
    chosen = [gaza_, strip, misspelt]
    # The stories to move, by id: the first two move in the first request.
    moving = sorted(
        Article.objects.filter(title__in=["قصف على خان يونس", "هدنة إنسانية", "مستشفيات الشمال"]),
        key=lambda story: story.pk,
    )

    with django_capture_on_commit_callbacks(execute=True):
        going_on = confirm(client, chosen, keep=gaza_)  # 3 stories to move, 2 at a time

    assert going_on.status_code == 200
    assert messages_of(going_on) == [
        "نُقل مقالان إلى الوسم #غزة. بقي مقال واحد على #غزه، #قطاع_غزة: اضغط «دمج الوسوم» "
        "لمتابعة الدمج."
    ]
    # The same page, with the counts as they are now and the same hashtag kept.
    rows = [(t.name, t.story_count) for t in going_on.context["hashtags"]]
    assert sorted(rows) == sorted([("غزة", 3), ("قطاع_غزة", 1), ("غزه", 0)])
    assert going_on.context["form"]["keep"].value() == gaza_.pk
    assert f'value="{gaza_.pk}" id="keep-{gaza_.pk}" checked' in going_on.content.decode()
    # The first two stories by id have moved, with a revision each; the merged hashtags
    # stand, with the rest, until the merge is done.
    for story in moving[:2]:
        assert "غزة" in story.tags.names() and not {"قطاع_غزة", "غزه"} & set(story.tags.names())
        assert Version.objects.get_for_object(story).count() == 1
    assert list(moving[2].tags.names()) == ["قطاع_غزة"]
    assert not Version.objects.get_for_object(moving[2]).exists()
    assert Tag.objects.count() == 4 and not FormerHashtag.objects.exists()
    assert not LogEntry.objects.filter(action_flag=DELETION).exists()
    assert client.get(reverse("articles:tag", kwargs={"slug": "قطاع_غزة"})).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        done = confirm(client, chosen, keep=gaza_)

    assert messages_of(done) == [
        "دُمج الوسمان #غزه، #قطاع_غزة في الوسم #غزة. للوسم #غزة الآن 4 مقالات."
    ]
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["غزة", "فلسطين"]
    assert LogEntry.objects.filter(user=editor, action_flag=DELETION).count() == 2
    assert FormerHashtag.objects.filter(tag=gaza_).count() == 2
    for story in gaza:
        assert "غزة" in story.tags.names()


def test_the_service_moves_no_more_stories_than_it_is_allowed(editor, gaza):
    # 3 stories to move; the first by id has the kept hashtag already.
    kept, merging = tag("قطاع_غزة"), [tag("غزة").pk, tag("غزه").pk]

    step = merge_hashtags(keep=kept.pk, merge=merging, user=editor, at_most=1)
    assert (step.moved, step.remaining, step.stories) == (1, 2, 2)
    step = merge_hashtags(keep=kept.pk, merge=merging, user=editor, at_most=1)
    assert (step.moved, step.remaining, step.stories) == (1, 1, 3)
    assert Tag.objects.filter(pk__in=merging).count() == 2
    last = merge_hashtags(keep=kept.pk, merge=merging, user=editor, at_most=1)
    assert (last.moved, last.remaining, last.stories) == (1, 0, 4)
    assert not Tag.objects.filter(pk__in=merging).exists()


def test_the_command_merges_as_the_admin_does(editor, gaza, django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("merge_hashtags", "#قطاع_غزة", "غزة", "#غزه", user="editor", stdout=out)

    assert out.getvalue().strip() == (
        "دُمج الوسمان #غزة، #غزه في الوسم #قطاع_غزة. للوسم #قطاع_غزة الآن 4 مقالات."
    )
    assert sorted(Tag.objects.values_list("name", flat=True)) == ["فلسطين", "قطاع_غزة"]
    assert LogEntry.objects.filter(user=editor, action_flag=DELETION).count() == 2
    found = Article.objects.published().search(search.parse_query("هدنة قطاع غزة"))
    assert [a.title for a in found] == ["هدنة إنسانية"]


@pytest.mark.parametrize(
    ("names", "user", "error"),
    [
        (["قطاع_غزة", "غزة_القديمة"], "editor", "لا يوجد وسم اسمه غزة_القديمة."),
        (["قطاع_غزة", "#قطاع_غزة"], "editor", "اذكر وسمًا آخر غير الذي يبقى."),
        (["قطاع_غزة", "غزة"], "nobody", "لا يوجد مستخدم باسم nobody."),
        (["قطاع_غزة", "غزة"], "reporter", "لا يملك reporter صلاحية دمج الوسوم."),
    ],
)
def test_the_command_refuses_what_it_cannot_do_and_merges_nothing(
    editor, reporter, gaza, names, user, error
):
    with pytest.raises(CommandError, match=error):
        call_command("merge_hashtags", *names, user=user)
    assert Tag.objects.count() == 4
