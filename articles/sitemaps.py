"""Sitemaps for search engines: published stories and the pages that list them.

``SITEMAPS`` feeds Django's sitemap index (one file per section of this dict, split
every 50,000 URLs); ``NewsSitemap`` is Google News' separate sitemap of fresh stories.
URLs take the scheme and host of the request (no ``django.contrib.sites``).
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, Author, Section
from articles.structured_data import modified_at

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per news sitemap


class ArticleSitemap(Sitemap):
    # Oldest first, so that every page but the last keeps the same URLs as stories are added.
    def items(self):
        return (
            Article.objects.published()
            .only("pk", "slug", "publish_at", "updated_at")
            .order_by("publish_at", "pk")
        )

    def lastmod(self, item):
        return modified_at(item)

    def get_latest_lastmod(self):
        # Django's default calls lastmod() on every story; one aggregate does it here.
        latest = Article.objects.published().aggregate(
            updated=Max("updated_at"), published=Max("publish_at")
        )
        dates = [date for date in latest.values() if date is not None]
        return max(dates, default=None)


class ListingSitemap(Sitemap):
    """Pages listing published stories, listed only when they have one, dated by the newest."""

    def listed(self):
        raise NotImplementedError

    def stories(self):
        """Published stories of the listed object ``OuterRef("pk")``."""
        raise NotImplementedError

    def items(self):
        newest = self.stories().order_by("-publish_at").values("publish_at")[:1]
        return (
            self.listed()
            .only("pk", "slug")
            .annotate(newest=Subquery(newest))
            .filter(newest__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, item):
        return item.newest

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("newest"))["latest"]


class SectionSitemap(ListingSitemap):
    def listed(self):
        return Section.objects.all()

    def stories(self):
        return Article.objects.published().filter(section=OuterRef("pk"))


class TagSitemap(ListingSitemap):
    def listed(self):
        return Tag.objects.all()

    def stories(self):
        return Article.objects.published().filter(taggedarticle__tag=OuterRef("pk"))

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})


class AuthorSitemap(ListingSitemap):
    def listed(self):
        return Author.objects.all()

    def stories(self):
        return Article.objects.published().filter(authors=OuterRef("pk"))


class NewsSitemap(Sitemap):
    """Stories published in the last two days, newest first, at most 1,000."""

    limit = NEWS_LIMIT

    def items(self):
        now = timezone.now()
        return (
            Article.objects.published(now=now)
            .filter(publish_at__gte=now - NEWS_WINDOW)
            .only("pk", "slug", "title", "language", "publish_at", "updated_at")
            .order_by("-publish_at", "-pk")[:NEWS_LIMIT]
        )

    def lastmod(self, item):
        return modified_at(item)


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "hashtags": TagSitemap,
    "authors": AuthorSitemap,
}
