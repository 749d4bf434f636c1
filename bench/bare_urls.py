"""The yardstick: the barest Django views doing the same job as the newsroom's.

GET: one article row and a grouped count of its reactions, one small template; also
behind Django's per-view cache (``cache_page``, the same Redis). POST: one reaction row
inserted, its reader marked "bare-" (no tally counts it; the benchmark removes them).
Served by the same gunicorn and settings.
"""

import secrets

from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.cache import cache_page
from django.views.decorators.csrf import csrf_exempt

TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='ar' dir='rtl'><title>{{ title }}</title>"
    "<h1>{{ title }}</h1><div>{{ body|safe }}</div>"
    "<ul>{% for kind, n in counts %}<li>{{ kind }} {{ n }}</li>{% endfor %}</ul></html>"
)


def article(request, pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, body FROM articles_article WHERE id = %s", [pk])
        title, body = cursor.fetchone()
        cursor.execute(
            "SELECT kind_id, count(*) FROM reactions_reaction WHERE article_id = %s "
            "GROUP BY kind_id",
            [pk],
        )
        counts = cursor.fetchall()
    return HttpResponse(TEMPLATE.render({"title": title, "body": body, "counts": counts}))


@csrf_exempt
def react(request, pk):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO reactions_reaction (article_id, kind_id, reader_key, ip_hash, "
            "created_at, updated_at) VALUES (%s, 1, %s, '', now(), now())",
            [pk, "bare-" + secrets.token_hex(16)],
        )
    return HttpResponse("{}", content_type="application/json")


urlpatterns = [
    path("bare/<int:pk>/", article),
    path("bare-cached/<int:pk>/", cache_page(60)(article)),
    path("bare/<int:pk>/react/", react),
]
