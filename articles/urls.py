from django.urls import path

from articles import views

app_name = "articles"

# Arabic slugs need <str:...>: the <slug:...> converter matches ASCII only.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("search/", views.SearchView.as_view(), name="search"),
    path("news/<int:pk>/", views.ArticleDetailView.as_view(), name="detail-short"),
    path("news/<int:pk>/<str:slug>/", views.ArticleDetailView.as_view(), name="detail"),
    path("section/<str:slug>/", views.SectionView.as_view(), name="section"),
    path("tag/<str:slug>/", views.TagView.as_view(), name="tag"),
    path("author/<str:slug>/", views.AuthorView.as_view(), name="author"),
]
