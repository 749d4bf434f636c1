from collections.abc import Iterable

from django.urls import path

from articles import feeds, views
from articles.pagecache import public_page


def shows(*templates: str, reads: Iterable[str] = ()):
    """The surfaces a page shows, filled from its URL's keyword arguments; ``reads``, the
    query parameters it reads."""
    return public_page(lambda **kw: [t.format(**kw) for t in templates], reads=reads)


app_name = "articles"

# Arabic slugs need <str:...>: the <slug:...> converter matches ASCII only.
urlpatterns = [
    path("", shows("home")(views.HomeView.as_view()), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="detail-short"),
    path(
        "news/<int:pk>/<str:slug>/",
        shows("article:{pk}", "reaction-kinds")(views.ArticleDetailView.as_view()),
        name="detail",
    ),
    path(
        "section/<str:slug>/",
        shows("section:{slug}", reads=["page"])(views.SectionView.as_view()),
        name="section",
    ),
    path(
        "tag/<str:slug>/", shows("tag:{slug}", reads=["page"])(views.TagView.as_view()), name="tag"
    ),
    path(
        "author/<str:slug>/",
        shows("author:{slug}", reads=["page"])(views.AuthorView.as_view()),
        name="author",
    ),
    path("feeds/rss/", shows("home")(feeds.LatestStoriesFeed()), name="feed-rss"),
    path("feeds/atom/", shows("home")(feeds.LatestStoriesAtomFeed()), name="feed-atom"),
    path(
        "section/<str:slug>/rss/", shows("section:{slug}")(feeds.SectionFeed()), name="section-rss"
    ),
    path(
        "section/<str:slug>/atom/",
        shows("section:{slug}")(feeds.SectionAtomFeed()),
        name="section-atom",
    ),
    path("tag/<str:slug>/rss/", shows("tag:{slug}")(feeds.TagFeed()), name="tag-rss"),
    path("tag/<str:slug>/atom/", shows("tag:{slug}")(feeds.TagAtomFeed()), name="tag-atom"),
]
