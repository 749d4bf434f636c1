import pytest

from tests.support import launched_chromium, seed_migration_rows


@pytest.fixture(scope="module")
def _reseed_after_module(django_db_blocker):
    yield
    with django_db_blocker.unblock():
        seed_migration_rows()


@pytest.fixture(autouse=True)
def _migration_rows_for_live_server(request, django_db_blocker):
    """Transactional tests (live-server ones included) empty every table afterwards, which
    also removes the roles and reaction kinds the migrations wrote into the reused test
    database: put them back before each such test, and once more after the module."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if not transactional and "live_server" not in request.fixturenames:
        return
    request.getfixturevalue("_reseed_after_module")
    with django_db_blocker.unblock():
        seed_migration_rows()


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium under Playwright, for one module."""
    with launched_chromium() as chromium:
        yield chromium
