from django.urls import path

from reactions import views

app_name = "reactions"

urlpatterns = [
    path("<int:article_id>/", views.reactions, name="react"),
]
