"""A merge of many stories: what it writes in bulk is what the slow way wrote (the stories'
search vectors, their revisions), and its queries do not grow with its stories."""

import pytest
import reversion
from django.contrib.contenttypes.models import ContentType
from reversion.models import Version
from taggit.models import Tag

from articles import search
from articles.hashtag_merge import merge_hashtags, refresh_search_documents
from articles.models import Article, TaggedArticle
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def vector(article) -> str:
    return Article.objects.values_list("search_vector", flat=True).get(pk=article.pk)


def vectors_rebuilt_whole(stories) -> dict[int, str]:
    """Each story's vector as a save makes it from its whole text."""
    for story in stories:
        Article.objects.get(pk=story.pk).refresh_search_document()
    return {story.pk: vector(story) for story in stories}


@pytest.fixture
def stories():
    section = SectionFactory(name="الشرق الأوسط")
    writers = [AuthorFactory(name="سلمى الحداد"), AuthorFactory(name="أحمد المصري")]
    long_body = "".join(
        f"<p>الفقرة {n}: وصلت المساعدات إلى المستشفيات والمدارس في شمال القطاع.</p>"
        for n in range(2500)
    )  # past tsvector's last position (16,383): positions pile up at the end
    made = [
        ArticleFactory(
            title="قصف على خان يونس",
            deck="غارات ليلية على المدينة",
            section=section,
            hashtags=["غزة", "قطاع_غزة", "فلسطين"],
            authors=writers,
        ),
        ArticleFactory(title="مساعدات عبر رفح", deck="", section=section, hashtags=["غزة"]),
        ArticleFactory(title="تقرير طويل", body=long_body, section=section, hashtags=["غزة"]),
        ArticleFactory(title="خبر بلا متجه", section=section, hashtags=["غزة", "الإغاثة"]),
    ]
    # Saved outside the model (an import): the merge gives it a whole vector.
    Article.objects.filter(pk=made[3].pk).update(search_vector=None)
    return made


def test_the_merged_stories_vectors_are_those_their_whole_text_gives(editor, stories):
    kept = Tag.objects.get(name="قطاع_غزة")

    merge_hashtags(keep=kept.pk, merge=[Tag.objects.get(name="غزة").pk], user=editor)
    refresh_search_documents([s.pk for s in stories])

    refreshed = {story.pk: vector(story) for story in stories}
    assert refreshed == vectors_rebuilt_whole(stories)
    found = Article.objects.search(search.parse_query("قطاع غزة")).values_list("title", flat=True)
    assert sorted(found) == sorted(s.title for s in stories)


def test_rebuilding_in_bulk_gives_the_vectors_a_save_gives(stories):
    whole = vectors_rebuilt_whole(stories)
    Article.objects.update(search_vector=None)

    assert search.rebuild_vectors(Article, TaggedArticle, batch_size=3) == len(stories)

    assert {story.pk: vector(story) for story in stories} == whole


def test_each_story_keeps_the_revision_django_reversion_would_keep(editor, stories):
    merge_hashtags(
        keep=Tag.objects.get(name="قطاع_غزة").pk,
        merge=[Tag.objects.get(name="غزة").pk],
        user=editor,
    )
    merged = {s.pk: Version.objects.get_for_object(s).get().revision for s in stories}
    assert len({revision.pk for revision in merged.values()}) == len(stories)  # one each

    # The same stories kept by django-reversion itself, one at a time.
    with reversion.create_revision():
        for story in Article.objects.filter(pk__in=merged):
            reversion.add_to_revision(story)
    for pk, revision in merged.items():
        ours = revision.version_set.order_by("content_type_id", "object_id")
        theirs = Version.objects.get_for_object_reference(Article, pk).first().revision
        theirs = theirs.version_set.filter(
            object_id__in=[v.object_id for v in ours],
            content_type__in=[v.content_type for v in ours],
        ).order_by("content_type_id", "object_id")
        assert [(v.content_type_id, v.object_id) for v in ours] == [
            (v.content_type_id, v.object_id) for v in theirs
        ]
        for mine, its in zip(ours, theirs, strict=True):
            assert mine.serialized_data == its.serialized_data
            assert (mine.object_repr, mine.format, mine.db) == (its.object_repr, its.format, its.db)
        rows = ours.filter(content_type=ContentType.objects.get_for_model(TaggedArticle))
        assert {v.field_dict["tag_id"] for v in rows} == set(
            TaggedArticle.objects.filter(content_object_id=pk).values_list("tag_id", flat=True)
        )


def test_a_merge_makes_as_many_queries_for_forty_stories_as_for_four(
    editor, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    def tagged(count, name):
        section = SectionFactory()
        for n in range(count):
            ArticleFactory(title=f"خبر {n}", section=section, hashtags=[name, "فلسطين"])
        kept = Tag.objects.create(name=f"{name}_باقية", slug=f"{name}_باقية")
        return kept.pk, [Tag.objects.get(name=name).pk]

    def merge(keep, merging):
        # The merge, then what follows its commit (pages, search documents).
        with django_capture_on_commit_callbacks(execute=True):
            merge_hashtags(keep=keep, merge=merging, user=editor)

    few, many = tagged(4, "قليلة"), tagged(40, "كثيرة")
    with django_assert_max_num_queries(40) as counted:
        merge(*few)
    with django_assert_max_num_queries(len(counted.captured_queries)):
        merge(*many)
    assert Tag.objects.get(name="كثيرة_باقية").articles_taggedarticle_items.count() == 40
