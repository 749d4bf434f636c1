"""`make run`'s demo reactions: every box shows counts, the moderators' dashboard has a week
to read and a burst to find, and the tallies are exact."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from reactions import stats
from reactions.forms import PeriodForm
from reactions.models import Reaction
from reactions.services import recount_tallies

pytestmark = pytest.mark.django_db


def run(command: str, **options) -> str:
    out = io.StringIO()
    call_command(command, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo(settings, kinds):
    settings.DEBUG = True
    run("load_demo", no_images=True)
    return run("load_demo_reactions")


def test_refuses_with_debug_off(settings, kinds):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        run("load_demo_reactions")
    assert not Reaction.objects.exists()


def test_every_published_story_has_reactions_and_exact_tallies(demo, client):
    published = Article.objects.published()
    reacted = published.annotate(n=Count("reactions")).filter(n__gt=0)
    assert reacted.count() == published.count() >= 30
    assert recount_tallies() == 0  # nothing to correct: the tallies equal the rows
    # Nobody reacted before a story was out, nor in the future.
    assert not Reaction.objects.filter(created_at__lt=F("article__publish_at")).exists()
    assert not Reaction.objects.filter(created_at__gt=timezone.now()).exists()
    # Nor to what readers cannot see.
    assert not Reaction.objects.exclude(article__in=published).exists()

    story = published.annotate(n=Count("reactions")).order_by("-n").first()
    state = client.get(reverse("reactions:react", args=[story.pk])).json()
    assert state["total"] == story.n > 0


def test_the_dashboard_shows_a_burst_to_void(demo):
    start, end = PeriodForm({}).bounds()  # the dashboard's default: the last seven days
    found = stats.suspicious(start, end)
    assert len(found) == 1
    burst = found[0]
    assert (burst.n, burst.readers, burst.articles) == (60, 60, 1)
    assert burst.title and burst.on_article == 60
    # The rest of the week looks like readers: spread over days, many addresses.
    week = stats.timeline(start, end)[1]
    assert sum(1 for _day, n in week if n) >= 5


def test_running_again_adds_nothing(demo):
    before = Reaction.objects.count()
    assert "لم يُضف شيء" in run("load_demo_reactions")
    assert Reaction.objects.count() == before
