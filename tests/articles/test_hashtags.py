import pytest
from taggit.models import Tag

from articles.hashtags import parse_hashtags
from articles.models import Article
from tests.articles.test_admin_roles import form_data
from tests.factories import ArticleFactory, SectionFactory


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("#الساحل_الإفريقي، #مالي", ["الساحل_الإفريقي", "مالي"]),
        ("الساحل الإفريقي,مالي", ["الساحل_الإفريقي", "مالي"]),
        ("#مالي\n#النيجر؛ #مالي", ["النيجر", "مالي"]),
        ("#الاقتصادُ_الأخضرُ", ["الاقتصاد_الأخضر"]),  # tashkeel does not make a new tag
        ("#مـــالي", ["مالي"]),  # nor does tatweel
        ("\u200f#مالي\u200e", ["مالي"]),  # nor invisible direction marks
        ("، ,  #  ", []),
        ("#كرة-القدم، #كرة_القدم", ["كرة_القدم"]),  # a dash joins as '_' does
        ("#قطر🇶🇦", ["قطر"]),  # an emoji ends a hashtag, as on social networks
        ("Mali, mali, MALI", ["Mali"]),  # one hashtag whatever its case
        ("#COP31، #5G", ["5G", "COP31"]),
        # As on social networks: each «#» starts a hashtag, spaces or not before it.
        ("#مالي #النيجر", ["النيجر", "مالي"]),
        ("#الساحل_الإفريقي #الجيش المالي", ["الجيش_المالي", "الساحل_الإفريقي"]),
        ("#مالي#النيجر", ["النيجر", "مالي"]),
        ("مالي النيجر", ["مالي_النيجر"]),  # without «#», spaces still join words
    ],
)
def test_editors_type_hashtags_the_arabic_way(typed, expected):
    assert parse_hashtags(typed) == expected


@pytest.mark.django_db
def test_hashtag_slugs_stay_arabic():
    ArticleFactory(hashtags=["الساحل_الإفريقي", "كأس العرب"])
    assert set(Tag.objects.values_list("slug", flat=True)) == {"الساحل_الإفريقي", "كأس-العرب"}


@pytest.mark.django_db
def test_hashtags_typed_as_on_social_networks_are_each_kept(client, editor):
    """A reporter types «#مالي #النيجر» as they would in a post: the story had one
    hashtag, «#مالي_النيجر», with a page of its own no other story would ever reach."""
    client.force_login(editor)
    data = form_data(SectionFactory(), tags="#الساحل_الإفريقي #مالي #النيجر")
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    assert sorted(Article.objects.get().tags.names()) == ["الساحل_الإفريقي", "النيجر", "مالي"]


@pytest.mark.django_db
def test_a_hashtag_with_no_letter_or_digit_is_a_form_error_not_a_broken_page(client, editor):
    client.force_login(editor)
    data = form_data(SectionFactory(), tags="#مالي، #🔥، #🔥🔥", status="published")
    response = client.post("/admin/articles/article/add/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["tags"]
    assert errors == ["لا حرف ولا رقم في هذا الوسم: #🔥، #🔥🔥. الوسم حروف وأرقام وشرطة سفلية (_)."]
    assert not Article.objects.exists()
    assert not Tag.objects.exists()


@pytest.mark.django_db
def test_a_hashtag_typed_in_another_case_finds_the_existing_one(client, editor):
    ArticleFactory(hashtags=["Mali"])
    client.force_login(editor)
    data = form_data(SectionFactory(), title="خبر آخر عن مالي", tags="#MALI، #mali")
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    assert list(Tag.objects.values_list("name", flat=True)) == ["Mali"]
    story = Article.objects.get(title="خبر آخر عن مالي")
    assert [tag.name for tag in story.tags.all()] == ["Mali"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "error"),
    [("#🔥", "لا حرف ولا رقم في هذا الوسم"), ("#MALI", "يوجد وسم بهذا الاسم")],
)
def test_the_hashtags_admin_refuses_what_the_story_form_would(client, editor, typed, error):
    Tag.objects.create(name="mali", slug="mali")
    client.force_login(editor)
    response = client.post("/admin/taggit/tag/add/", {"name": typed, "slug": "x"})
    assert response.status_code == 200
    assert error in response.context["adminform"].form.errors["name"][0]
    assert Tag.objects.count() == 1


@pytest.mark.django_db
def test_the_hashtags_admin_cleans_a_name_as_the_story_form_does(client, editor):
    ArticleFactory(hashtags=["مالي"])
    client.force_login(editor)
    response = client.post("/admin/taggit/tag/add/", {"name": "#وسم جديد", "slug": "وسم_جديد"})
    assert response.status_code == 302
    assert Tag.objects.filter(name="وسم_جديد").exists()
    listing = client.get("/admin/taggit/tag/").content.decode()
    assert "#مالي" in listing and "#وسم_جديد" in listing


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "prefix", "status"),
    [
        ("الامارات", "", 302),
        ("الأمارات", "", 302),
        ("الامارات", "/en", 302),
        # No hashtag's name has tashkeel: that address can only ever mean this one.
        ("الإماراتُ", "", 301),
    ],
)
def test_a_hashtag_typed_with_other_alef_or_marks_leads_to_it(client, typed, prefix, status):
    ArticleFactory(hashtags=["الإمارات"])
    response = client.get(f"{prefix}/tag/{typed}/?page=1")
    assert response.status_code == status
    assert (
        response["Location"]
        == f"{prefix}/tag/%D8%A7%D9%84%D8%A5%D9%85%D8%A7%D8%B1%D8%A7%D8%AA/?page=1"
    )
    assert client.get(response["Location"], follow=True).status_code == 200


@pytest.mark.django_db
def test_a_hashtag_with_ya_for_alef_maqsura_leads_to_it_and_no_hashtag_is_still_404(client):
    ArticleFactory(hashtags=["مالي"])
    assert client.get("/tag/مالى/")["Location"] == "/tag/%D9%85%D8%A7%D9%84%D9%8A/"
    missing = client.get("/tag/موريتانيا/")
    assert missing.status_code == 404


@pytest.mark.django_db
def test_a_hashtag_named_in_the_admin_lives_at_its_name_renamed_or_not(client, editor):
    """Its address follows its name, with '_' as stories' hashtags have it (the admin's
    slug box turned «وسم جديد» into «وسم-جديد», and kept the old one after a rename)."""
    client.force_login(editor)
    client.post("/admin/taggit/tag/add/", {"name": "#وسم جديد", "slug": "وسم-جديد"})
    tag = Tag.objects.get()
    assert tag.slug == "وسم_جديد"
    client.post(f"/admin/taggit/tag/{tag.pk}/change/", {"name": "وسم أحدث"})
    tag.refresh_from_db()
    assert (tag.name, tag.slug) == ("وسم_أحدث", "وسم_أحدث")


@pytest.mark.django_db
def test_one_word_is_one_hashtag_whatever_its_spelling(client, editor):
    ArticleFactory(hashtags=["مالي"])
    client.force_login(editor)
    response = client.post("/admin/taggit/tag/add/", {"name": "#مالى"})
    assert "يوجد هذا الوسم بكتابة أخرى: #مالي." in response.context["adminform"].form.errors["name"]
    # In a story, the spelling typed joins the hashtag that exists.
    data = form_data(SectionFactory(), title="خبر من باماكو", tags="#مالى، #باماكو")
    assert client.post("/admin/articles/article/add/", data).status_code == 302
    story = Article.objects.get(title="خبر من باماكو")
    assert sorted(story.tags.names()) == ["باماكو", "مالي"]
    assert Tag.objects.count() == 2


@pytest.mark.django_db
def test_a_renamed_hashtag_keeps_its_old_address_as_a_permanent_redirect(client, editor):
    ArticleFactory(hashtags=["مالي"])
    assert client.get("/tag/مالي/").status_code == 200
    assert client.get("/tag/مالي/")["X-Page-Cache"] == "hit"
    client.force_login(editor)
    tag = Tag.objects.get()
    client.post(f"/admin/taggit/tag/{tag.pk}/change/", {"name": "جمهورية مالي"})
    client.logout()

    new = "/tag/%D8%AC%D9%85%D9%87%D9%88%D8%B1%D9%8A%D8%A9_%D9%85%D8%A7%D9%84%D9%8A/"
    old = client.get("/tag/مالي/")  # the copy kept before the rename is not served
    assert (old.status_code, old["Location"]) == (301, new)
    assert client.get("/en/tag/مالي/rss/")["Location"] == f"/en{new}rss/"
    assert client.get(new).status_code == 200

    # Back to its first name: the address is its page again, not a redirect to itself.
    client.force_login(editor)
    client.post(f"/admin/taggit/tag/{tag.pk}/change/", {"name": "مالي"})
    client.logout()
    assert client.get("/tag/مالي/").status_code == 200
    assert client.get(new)["Location"] == "/tag/%D9%85%D8%A7%D9%84%D9%8A/"
