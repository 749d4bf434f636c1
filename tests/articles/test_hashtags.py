import pytest
from taggit.models import Tag

from articles.hashtags import parse_hashtags
from tests.factories import ArticleFactory


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
    ],
)
def test_editors_type_hashtags_the_arabic_way(typed, expected):
    assert parse_hashtags(typed) == expected


@pytest.mark.django_db
def test_hashtag_slugs_stay_arabic():
    ArticleFactory(hashtags=["الساحل_الإفريقي", "كأس العرب"])
    assert set(Tag.objects.values_list("slug", flat=True)) == {"الساحل_الإفريقي", "كأس-العرب"}
