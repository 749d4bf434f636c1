import hashlib
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.safestring import mark_safe
from django.views.generic import DetailView, ListView, TemplateView

from articles import search, spelling
from articles.feeds import alternates
from articles.forms import SearchForm
from articles.hashtags import hashtag_redirect, visible_hashtags
from articles.models import Article, Author, Section
from articles.pagecache import also_shows, kept_render
from articles.pagination import OnePageOneAddressMixin, without_pages

PAGE_SIZE = 12


class HomeView(TemplateView):
    template_name = "articles/home.html"
    per_section = 4
    latest = 6

    def get(self, request, *args, **kwargs):
        # One page, one address: ?page= would keep a copy of the home page per value.
        return without_pages(request) or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        published = Article.objects.published().for_listing()
        # The top block shows the newest stories; one with a picture leads it, as a lead
        # without one left half the block blank beside the latest.
        top = list(published[: self.latest + 1])
        lead = next((article for article in top if article.image), top[0] if top else None)
        latest = [article for article in top if article is not lead]
        all_sections = list(Section.objects.order_by("order", "name"))
        by_section: dict[int, list[Article]] = {}
        # The lead is not shown again a screen below, in its section's row.
        rows = published.exclude(pk=lead.pk) if lead else published
        for article in rows.latest_per_section([s.pk for s in all_sections], self.per_section):
            by_section.setdefault(article.section_id, []).append(article)
        sections = [(s, by_section[s.pk]) for s in all_sections if s.pk in by_section]
        return super().get_context_data(
            lead=lead,
            latest=latest,
            sections=sections,
            feeds=alternates("feed", str(settings.SITE_NAME)),
            **kwargs,
        )


class ArticleListView(OnePageOneAddressMixin, ListView):
    """A paginated list of published stories under one heading (section, hashtag, author)."""

    template_name = "articles/article_list.html"
    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class SectionView(ArticleListView):
    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        return super().get_queryset().in_section(self.section)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.section.name,
            description=self.section.description,
            section=self.section,
            feeds=alternates("section", self.section.name, slug=self.section.slug),
            **kwargs,
        )


class TagView(ArticleListView):
    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = hashtag_redirect(request, "articles:tag", kwargs["slug"])
            if moved is None:
                raise
            return moved

    def get_queryset(self):
        # A hashtag with no public story yet is not found, as one that does not exist.
        self.tag = get_object_or_404(visible_hashtags(), slug=self.kwargs["slug"])
        return super().get_queryset().tagged(self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=f"#{self.tag.name}",
            tag=self.tag,
            feeds=alternates("tag", f"#{self.tag.name}", slug=self.tag.slug),
            **kwargs,
        )


class AuthorView(ArticleListView):
    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_queryset().by_author(self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.author.name, description=self.author.bio, author=self.author, **kwargs
        )


def _live_box():
    """The module that keeps and fills the article page's live box (the reactions app's,
    named by settings.NEWSROOM_ARTICLE_BOX): articles does not import it."""
    return import_module(settings.NEWSROOM_ARTICLE_BOX)


class ArticleDetailView(DetailView):
    """A story, its reactions box, and related stories.

    The box's counts change with every tap; everything else only when an editor acts. So
    the page is rendered with a slot for the box and kept (pagecache.kept_render) under
    the same generations as the whole page, together with the box rendered with slots for
    its numbers (settings.NEWSROOM_ARTICLE_BOX: reactions.box). A signed-in editor, or any
    reader whose page cannot come whole from the cache, costs one cache read and one query
    for the counts, written into the slots: no template is rendered.
    """

    context_object_name = "article"
    reactions_slot = mark_safe("<!--reactions-box-->")
    kept_version = 4  # of render_story's value

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("section")
            .prefetch_related("authors", "tags")
        )

    def get(self, request, *args, **kwargs):
        self.box = None
        story = kept_render(request, self.render_story, version=self.kept_version)
        if "redirect" in story:
            query = request.GET.urlencode()  # a campaign's utm_* tags, say
            return redirect(story["redirect"] + (f"?{query}" if query else ""), permanent=True)
        if self.box is None:  # the story was kept: only the counts are read
            self.box = _live_box().fill(story["box"], story["id"])
        # The story is kept encoded and digested: per request only the box is encoded and
        # hashed (ConditionalGetMiddleware would hash the whole 28 KB page every time).
        box = self.box.encode()
        response = HttpResponse(b"".join((story["before"], box, story["after"])))
        box_digest = hashlib.md5(box, usedforsecurity=False).hexdigest()
        response["ETag"] = f'"{story["digest"]}{box_digest[:16]}"'
        return response

    def render_story(self) -> dict:
        self.object = self.get_object()
        url = self.object.get_absolute_url()
        if self.kwargs.get("slug") != self.object.slug:
            # Any other slug (an old title, a typo, none) moves permanently to the canonical URL.
            return {"redirect": url}
        context = self.get_context_data(object=self.object, reactions_slot=self.reactions_slot)
        html = self.render_to_response(context).render().content
        # Pulling or editing a related story refreshes this page too.
        also_shows(self.request, [f"article:{story.pk}" for story in context["related"]])
        # The slot is an HTML comment; story bodies are sanitised with comments stripped,
        # so the only one in the page is the template's (the last, to be sure).
        before, _slot, after = html.rpartition(self.reactions_slot.encode())
        # The box without its numbers is kept with the story: a change to the kinds
        # refreshes both (the "reaction-kinds" surface).
        box, self.box = _live_box().keep(
            article_id=self.object.pk, url=url, closed=self.object.reactions_closed
        )
        digest = hashlib.md5(before, usedforsecurity=False)
        digest.update(after)  # the box between them is hashed per request
        return {
            "before": before,
            "after": after,
            "id": self.object.pk,
            "box": box,
            "digest": digest.hexdigest()[:16],
        }

    def get_context_data(self, **kwargs):
        related = Article.objects.published().for_listing().related_to(self.object)
        return super().get_context_data(related=related, **kwargs)


class SearchView(OnePageOneAddressMixin, ListView):
    """/search/?q=…&section=…&start=…&end=… over published stories only."""

    template_name = "articles/search.html"
    paginate_by = PAGE_SIZE
    context_object_name = "results"

    def get_queryset(self):
        self.form = SearchForm(self.request.GET or None)
        self.query = None
        if not self.form.is_valid():
            return Article.objects.none()
        data = self.form.cleaned_data
        self.query = search.parse_query(data["q"])
        if self.query is None:
            return Article.objects.none()
        results = self.filtered(Article.objects.published().search(self.query))
        return results.select_related("section").prefetch_related("authors")

    def filtered(self, stories):
        """``stories`` narrowed to the section and dates asked for."""
        data = self.form.cleaned_data
        if data["section"]:
            stories = stories.in_section(data["section"])
        if data["start"]:
            stories = stories.filter(publish_at__date__gte=data["start"])
        if data["end"]:
            stories = stories.filter(publish_at__date__lte=data["end"])
        return stories

    def matches(self, query: search.ParsedQuery):
        """The stories ``query`` finds with the page's filters, unranked (to count)."""
        return self.filtered(Article.objects.published().matching(query))

    def get_context_data(self, **kwargs):
        words = self.request.GET.get("q", "").split()
        context = super().get_context_data(
            form=self.form,
            query=self.query,
            max_candidates=search.MAX_CANDIDATES,
            # «-رياضة» alone: only words to leave out, nothing to look for.
            only_excluded=bool(words) and all(w.startswith("-") for w in words),
            only_common=search.only_common_words(self.request.GET.get("q", "")),
            **kwargs,
        )
        if self.query:
            for article in context["results"]:
                article.snippet = search.highlight(
                    f"{article.deck} {search.plain_text(article.body)}", self.query.words
                )
                # Found by its dateline («القاهرة»): the card says so, as the story does.
                article.dateline_found = search.marked_if_found(article.dateline, self.query.words)
                # A story found by its byline shows the name looked for, marked.
                article.byline = [
                    (author, search.highlight(author.name, self.query.words))
                    for author in article.authors.all()
                ]
        params = self.request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
        if self.query and not context["paginator"].count:
            # Found nothing: «هل تقصد…؟» a close spelling that finds something, if any.
            suggestion = spelling.did_you_mean(self.form.cleaned_data["q"], self.matches)
            if suggestion:
                params["q"] = suggestion
                context["suggestion"] = suggestion
                context["suggestion_query"] = params.urlencode()
        if self.query and self.form.is_filtered():
            # Found nothing in a section or between dates: the same words everywhere.
            context["unfiltered_query"] = urlencode({"q": self.form.cleaned_data["q"]})
        return context
