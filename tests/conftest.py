import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytest_plugins = ["tests.clock"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium: Playwright cannot download a browser of its own here."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def demo_catalog(db, today):
    """The demo catalogue as ``load_demo`` writes it on the test's day."""
    from demo.services import demo_catalog_load

    demo_catalog_load(today=today)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _configured_site_url(settings):
    """Links name the configured ``SITE_URL``, as in production; the tests of
    development's "links follow the served address" turn it on themselves."""
    settings.SITE_URL_FROM_REQUEST = False


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache(request, django_db_blocker):
    """allauth's rate limits count in the cache: each test starts with none used.

    The cache is the database's unless Redis is configured (Django's test database
    creation makes its table), hence the database access, and only for tests that
    use the database: a run of pure tests sets up no test database, and must not
    reach the configured one.
    """
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
    } & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("django_db_setup")
    from django.core.cache import cache

    with django_db_blocker.unblock():
        cache.clear()


@pytest.fixture
def award_catalog(demo_catalog):
    """The demo catalogue with what each credential produces when awarded."""
    from demo.awards import demo_outputs_load

    demo_outputs_load()


@pytest.fixture
def bench_small(db):
    """The benchmark dataset's small preset (``manage.py bench_data``), about 1 s."""
    from io import StringIO

    from django.core.management import call_command

    call_command("bench_data", scale="small", stdout=StringIO())


# The real worker, for every app's worker tests (tests/certificates/worker.py).


@pytest.fixture
def celery_broker():
    """Yields a function pointing this process's Celery app at a broker; restores
    the settings' configuration afterwards."""
    from tests.certificates.worker import celery_app, point_celery_at

    before = (celery_app.conf.broker_url, celery_app.conf.task_always_eager)
    yield point_celery_at
    point_celery_at(before[0] or "", eager=before[1])


@pytest.fixture(scope="module")
def worker(django_db_setup, django_db_blocker, tmp_path_factory):
    """A rendering worker (its email worker runs beside it on the email queue),
    shared by the tests of one module."""
    from tests.certificates.worker import worker_stop, workers_start

    started = workers_start(tmp_path_factory.mktemp("celery-worker"))
    yield started[0]
    for each in started:
        worker_stop(each)


@pytest.fixture
def on_the_worker(worker, celery_broker, settings):
    """This process enqueues to the worker's Redis and reads its media root."""
    from tests.certificates.worker import REDIS_URL

    celery_broker(REDIS_URL, eager=False)
    settings.MEDIA_ROOT = worker.media_root
    return worker
