"""The address boxes of the admin's forms (a story's, a section's, an author's) take words
as an editor types them: spaces become dashes, signs go, Arabic letters stay. Django
refused them with «أدخل اختصار 'slug' صحيح يتكون من أحرف Unicode…»."""

import pytest

from articles.models import Article, Author, Section
from tests.articles.test_admin_roles import form_data
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

NO_LETTER = "لا حرف ولا رقم في المعرّف. اكتبه حروفًا وأرقامًا تصل بينها شرطات (-)."


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("خبر عاجل اليوم", "خبر-عاجل-اليوم"),
        ("  قمة الرياض: ما الذي تغيّر؟ ", "قمة-الرياض-ما-الذي-تغير"),
        ("COP31 في دبي", "cop31-في-دبي"),
    ],
)
def test_a_story_address_typed_as_words_is_kept_as_one(client, editor, typed, kept):
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", form_data(SectionFactory(), slug=typed))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Article.objects.get().slug == kept


def test_an_address_with_no_letter_is_refused_in_plain_words(client, editor):
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", form_data(SectionFactory(), slug="!!!"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == [NO_LETTER]
    assert not Article.objects.exists()


def test_section_and_author_addresses_are_typed_as_words(admin_client):
    response = admin_client.post(
        "/admin/articles/section/add/", {"name": "أخبار محلية", "slug": "أخبار محلية", "order": 1}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Section.objects.get().slug == "أخبار-محلية"
    response = admin_client.post(
        "/admin/articles/author/add/", {"name": "عمر الخطيب", "slug": "عمر الخطيب", "bio": ""}
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Author.objects.get().slug == "عمر-الخطيب"


def test_a_section_address_typed_like_an_existing_one_is_refused_as_taken(admin_client):
    SectionFactory(name="رياضة", slug="كرة-القدم")
    response = admin_client.post(
        "/admin/articles/section/add/", {"name": "كرة", "slug": "كرة القدم", "order": 2}
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug"] == ["يوجد قسم بهذا المعرّف في الرابط."]
