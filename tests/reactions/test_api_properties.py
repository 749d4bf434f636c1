"""The reactions endpoint on generated requests (hypothesis): any method, content type,
body, kind and article id is answered, with a 4xx at worst, never a 5xx."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

REQUESTS = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

kinds = st.one_of(
    st.sampled_from(["like", "love", "sad", "LIKE", "like ", "retired", "", "\u202elike"]),
    st.text(max_size=40),
    st.integers(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
json_bodies = st.one_of(
    st.builds(lambda k, n: json.dumps({"kind": k, "next": n}), kinds, st.text(max_size=30)),
    st.builds(json.dumps, kinds),
    st.text(max_size=100),
)
form_bodies = st.one_of(
    st.builds(lambda k: {"kind": k}, st.text(max_size=40).filter(lambda t: "\x00" not in t)),
    st.builds(
        lambda k, n: {"kind": k, "next": n}, st.sampled_from(["like", "x"]), st.text(max_size=50)
    ),
    st.just({}),
)
content_types = st.sampled_from(
    [
        "application/json",
        "application/json; charset=utf-16",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "multipart/form-data; boundary=zzz",
        "application/xml",
        "",
    ]
)
targets = st.sampled_from(["published", "draft", "scheduled", "missing", "huge"])


@pytest.fixture
def articles(kinds):
    from datetime import timedelta

    from django.utils import timezone

    kinds["sad"].active = False  # a retired kind
    kinds["sad"].save()
    return {
        "published": ArticleFactory().pk,
        "draft": ArticleFactory(status=Article.Status.DRAFT, publish_at=None).pk,
        "scheduled": ArticleFactory(publish_at=timezone.now() + timedelta(days=1)).pk,
        "missing": 987_654_321,
        "huge": 2**63,
    }


@REQUESTS
@given(
    method=st.sampled_from(["get", "head", "post", "put", "patch", "delete", "options"]),
    target=targets,
    body=st.one_of(json_bodies, st.binary(max_size=200)),
    content_type=content_types,
    origin=st.sampled_from([None, "http://testserver", "https://evil.example", "null"]),
)
def test_raw_bodies_never_cause_a_server_error(
    client, settings, articles, method, target, body, content_type, origin
):
    settings.REACTIONS_RATE_LIMIT_IP = settings.REACTIONS_RATE_LIMIT_READER = "0"
    headers = {"origin": origin} if origin else {}
    url = f"/reactions/{articles[target]}/"
    response = client.generic(
        method.upper(), url, data=body, content_type=content_type, headers=headers
    )
    assert response.status_code < 500, response.content[:300]
    if target in {"draft", "scheduled", "missing", "huge"} and method in {"get", "post"}:
        assert response.status_code in {403, 404}  # never a hint that the story exists


@REQUESTS
@given(data=form_bodies, accept=st.sampled_from(["application/json", "text/html", "*/*", ""]))
def test_form_posts_never_cause_a_server_error(client, settings, articles, data, accept):
    settings.REACTIONS_RATE_LIMIT_IP = settings.REACTIONS_RATE_LIMIT_READER = "0"
    response = client.post(f"/reactions/{articles['published']}/", data, headers={"accept": accept})
    assert response.status_code < 500
    if response.status_code in (302, 303):
        location = response["Location"]
        assert location.startswith("/") and not location.startswith("//"), location
