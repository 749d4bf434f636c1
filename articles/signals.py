"""Keep each article's search vector in step with its hashtags and authors.

Those live in other tables and change after the article row is saved (admin forms,
``article.tags.set(...)``), so the article's own save() cannot see them.
"""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from articles.models import Article, Author, Section, TaggedArticle


@receiver(m2m_changed, sender=TaggedArticle)
@receiver(m2m_changed, sender=Article.authors.through)
def refresh_after_relations_change(sender, instance, action, reverse, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        instance.refresh_search_document()
    else:  # changed from the other side (an author's articles)
        for article in Article.objects.filter(pk__in=kwargs.get("pk_set") or ()):
            article.refresh_search_document()


@receiver(post_save, sender=Section)
@receiver(post_save, sender=Author)
def refresh_after_rename(sender, instance, created, **kwargs):
    if created:
        return
    for article in instance.articles.all():
        article.refresh_search_document()
