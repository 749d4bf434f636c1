"""RSS 2.0 and Atom feeds: the whole site, each section, each hashtag. Published stories only."""

from __future__ import annotations

import copy
import hashlib
import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.urls import reverse
from django.utils.encoding import uri_to_iri
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, Stylesheet
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator

from articles.hashtags import hashtag_redirect, visible_hashtags
from articles.models import Article, Section
from articles.sanitize import without_control_characters
from articles.structured_data import modified_at

FEED_LENGTH = 30
IMAGE_BYTES_CACHE_SECONDS = 60 * 60 * 24
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


def _writable(value):
    """``value`` as XML 1.0 can carry it: a control character anywhere in a feed's text made
    Django refuse to write the feed at all (a 500 for every subscriber)."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(_writable(part) for part in value)
    return value


class WritableText:
    """A feed whose text is cleared of control characters as it is written. Stories keep
    none once saved (Article.save), but a row written another way (an import, an update
    before that rule) must not take every feed showing it down."""

    def add_root_elements(self, handler):
        self.feed = {key: _writable(value) for key, value in self.feed.items()}
        super().add_root_elements(handler)

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {key: _writable(value) for key, value in item.items()})


# Browsers show application/rss+xml and atom+xml as plain text (Chromium) or offer to
# download it (Firefox), so a reader following the footer's «اشترك عبر RSS» met raw XML.
# As application/xml they apply the feed's stylesheet; feed readers take either.
FEED_CONTENT_TYPE = "application/xml; charset=utf-8"
XHTML = "http://www.w3.org/1999/xhtml"


class ReadableInBrowsers:
    """A feed a browser shows as a page (its stylesheet: LatestStoriesFeed.stylesheets):
    served as XML, with a phone's viewport, which XHTML's <meta> sets in any XML document
    (without it a phone lays the feed out 980 px wide and shrinks it), and its headlines as
    XHTML links to their stories (a stylesheet cannot make RSS's <title> and <link> one).
    Feed readers skip an element of another namespace."""

    content_type = FEED_CONTENT_TYPE

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        viewport = {"xmlns": XHTML, "name": "viewport", "content": "width=device-width"}
        handler.addQuickElement("meta", None, viewport)
        handler.addQuickElement(
            "a", self.feed["title"], {"xmlns": XHTML, "href": self.feed["link"]}
        )

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        # The story's path as the browser resolves it against the feed's address, in Arabic
        # letters (two bytes each) rather than percent-escapes (six): only browsers read it.
        href = uri_to_iri(urlsplit(item["link"])._replace(scheme="", netloc="").geturl())
        handler.addQuickElement("a", item["headline"], {"xmlns": XHTML, "href": href})


# WritableText first: what the others write is cleared of control characters.
class RssWithAuthors(WritableText, ReadableInBrowsers, Rss201rev2Feed):
    """RSS 2.0 with one ``<dc:creator>`` per author (RSS's own ``<author>`` wants an e-mail)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _link in _writable(item["authors"]):
            handler.addQuickElement("dc:creator", name)


class AtomWithAuthors(WritableText, ReadableInBrowsers, Atom1Feed):
    """Atom with one ``<author>`` per author, each with the link to their page."""

    def write(self, outfile, encoding):
        # Atom1Feed's, with the stylesheets Django writes into RSS only: before the root.
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, link in _writable(item["authors"]):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", link)
            handler.endElement("author")


def image_bytes(name: str) -> int:
    """The stored size of an image, remembered: on S3-like storage each lookup is a request."""
    key = "feeds:image-bytes:" + hashlib.blake2b(name.encode(), digest_size=16).hexdigest()
    size = cache.get(key)
    if size is None:
        try:
            size = default_storage.size(name)
        except OSError:
            return 0  # RSS's advice when the length is unknown
        cache.set(key, size, IMAGE_BYTES_CACHE_SECONDS)
    return size


def alternates(name: str, title: str, **kwargs) -> list[dict[str, str]]:
    """The ``<link rel="alternate">`` entries announcing the RSS and Atom feeds ``name``."""
    return [
        {
            "type": "application/rss+xml",
            "title": f"{title} (RSS)",
            "href": reverse(f"articles:{name}-rss", kwargs=kwargs),
        },
        {
            "type": "application/atom+xml",
            "title": f"{title} (Atom)",
            "href": reverse(f"articles:{name}-atom", kwargs=kwargs),
        },
    ]


class LatestStoriesFeed(Feed):
    """The newest published stories of the whole site, as RSS 2.0."""

    feed_type = RssWithAuthors
    language = "ar"

    def title(self, obj):
        return str(settings.SITE_NAME)

    def link(self, obj):
        return reverse("articles:home")

    def description(self, obj):
        return _("أخبار العالم العربي والعالم لحظة بلحظة.")

    def stylesheets(self, obj):
        # For a reader who opens the feed in a browser: a list of stories, not raw XML.
        return [Stylesheet(static("css/feed.css"), mimetype="text/css")]

    def subtitle(self, obj):
        return self.description(obj)

    def author_name(self, obj):
        # Atom needs an author for every entry; the newsroom stands in for unsigned stories.
        return str(settings.SITE_NAME)

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.stories(obj).for_listing().prefetch_related("authors", "tags")[:FEED_LENGTH]

    def item_title(self, item):
        # Escaped like Django's default: many readers treat titles as HTML.
        return escape(item.title)

    def item_description(self, item):
        return escape(item.deck or item.title)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return modified_at(item)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_enclosures(self, item):
        if not item.image:
            return []
        name = item.image.name
        mime_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        url = self.request.build_absolute_uri(item.image.url)
        return [Enclosure(url, str(image_bytes(name)), mime_type)]

    def item_extra_kwargs(self, item):
        build = self.request.build_absolute_uri
        return {
            # Unescaped, unlike item_title's: the XML writer escapes it, for browsers.
            "headline": item.title,
            "authors": [
                (author.name, build(author.get_absolute_url())) for author in item.authors.all()
            ],
        }

    def __call__(self, request, *args, **kwargs):
        # One Feed instance serves every request (it lives in the URLconf): the request that
        # item methods need goes on a copy of it, never on the shared instance.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)


class SectionFeed(LatestStoriesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{obj.name} — {settings.SITE_NAME}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or _("آخر أخبار قسم %(name)s.") % {"name": obj.name}

    def stories(self, obj):
        return Article.objects.published().in_section(obj)


class TagFeed(LatestStoriesFeed):
    url_name = "articles:tag-rss"

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except Http404:
            # A hashtag merged into another or renamed: its subscribers follow it; an
            # address typed another way leads to it too, as its page's does.
            moved = hashtag_redirect(request, self.url_name, kwargs["slug"])
            if moved is None:
                raise
            return moved

    def get_object(self, request, slug):
        # None until one of its stories is public: the feed of a hashtag no reader sees
        # answers as an unknown one's.
        return get_object_or_404(visible_hashtags(), slug=slug)

    def title(self, obj):
        return f"#{obj.name} — {settings.SITE_NAME}"

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def description(self, obj):
        return _("آخر الأخبار الموسومة بـ #%(name)s.") % {"name": obj.name}

    def stories(self, obj):
        return Article.objects.published().tagged(obj)


class LatestStoriesAtomFeed(LatestStoriesFeed):
    feed_type = AtomWithAuthors


class SectionAtomFeed(SectionFeed):
    feed_type = AtomWithAuthors


class TagAtomFeed(TagFeed):
    feed_type = AtomWithAuthors
    url_name = "articles:tag-atom"
