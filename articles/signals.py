"""Keep each article's search vector in step with its hashtags and authors.

Those live in other tables and change after the article row is saved (admin forms,
``article.tags.set(...)``), so the article's own save() cannot see them.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from taggit.models import Tag

from articles import pagecache
from articles.models import Article, Author, Section, TaggedArticle


def _was_or_is_public(article: Article) -> bool:
    before = getattr(article, "_surfaces_before", None)
    return bool(before) or article.status == Article.Status.PUBLISHED


@receiver(pre_save, sender=Article)
def remember_where_it_was(sender, instance, raw=False, **kwargs):
    """A story moving section or being unpublished must leave its old pages too."""
    instance._surfaces_before = set()
    if raw or instance._state.adding:
        return
    old = Article.objects.filter(pk=instance.pk, status=Article.Status.PUBLISHED).first()
    if old is not None:
        instance._surfaces_before = pagecache.article_surfaces(old)


@receiver(post_save, sender=Article)
@receiver(post_delete, sender=Article)
def refresh_pages_showing_it(sender, instance, **kwargs):
    if _was_or_is_public(instance):
        before = getattr(instance, "_surfaces_before", set())
        pagecache.bump(before | pagecache.article_surfaces(instance))


@receiver(m2m_changed, sender=TaggedArticle)
@receiver(m2m_changed, sender=Article.authors.through)
def refresh_after_relations_change(sender, instance, action, reverse, **kwargs):
    if action in {"pre_remove", "pre_clear"} and isinstance(instance, Article):
        # The hashtag and author pages it is leaving.
        pagecache.bump(pagecache.article_surfaces(instance))
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        instance.refresh_search_document()
        pagecache.bump(pagecache.article_surfaces(instance))
    else:  # changed from the other side (an author's articles)
        for article in Article.objects.filter(pk__in=kwargs.get("pk_set") or ()):
            article.refresh_search_document()


@receiver(post_save, sender=Section)
@receiver(post_save, sender=Author)
@receiver(post_delete, sender=Section)
@receiver(post_delete, sender=Author)
@receiver(post_save, sender=Tag)
@receiver(post_delete, sender=Tag)
def refresh_pages_of_renamed(sender, instance, created=False, **kwargs):
    # Section names are in every page's navigation; the others on their own pages (a
    # hashtag made by a story's save, or merged, leaves every other page kept).
    kind = {Section: "section", Author: "author", Tag: "tag"}[sender]
    navigation = ["nav"] if sender is Section else []
    pagecache.bump([*navigation, "home", "sitemaps", f"{kind}:{instance.slug}"])


@receiver(post_save, sender=Section)
@receiver(post_save, sender=Author)
def refresh_after_rename(sender, instance, created, **kwargs):
    if created:
        return
    for article in instance.articles.all():
        article.refresh_search_document()
