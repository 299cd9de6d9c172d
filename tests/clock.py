"""The tests' clock: every test starts at one fixed moment of the portal's day.

``--clock=2027-02-28T22:30`` (or the ``PORTAL_TEST_CLOCK`` environment variable)
names that moment, local to ``TIME_ZONE`` unless it carries an offset. Without
it, the session reads the wall clock once, at its start. Each test travels to the
moment (time-machine, ticking, so durations and timeouts still pass), and the
Celery workers the tests start travel with it (``tests/clock_run.py``).

A test that asserts on a date asks for ``today`` or ``now`` (or travels to a day
of its own) and computes the date from it: it never types one in.
"""

import datetime as dt
import os
import zoneinfo

import pytest
import time_machine

ENVIRONMENT = "PORTAL_TEST_CLOCK"
# What a started worker reads to travel to the test's moment (tests/clock_run.py).
WORKER_ENVIRONMENT = "PORTAL_TEST_CLOCK_AT"


def pytest_addoption(parser):
    parser.addoption(
        "--clock",
        default=os.environ.get(ENVIRONMENT, ""),
        help="The moment every test starts at, ISO 8601, local to TIME_ZONE "
        f"unless it has an offset (default: ${ENVIRONMENT}, else the wall clock "
        "at the session's start).",
    )


def _zone() -> zoneinfo.ZoneInfo:
    from django.conf import settings

    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def session_moment(config) -> dt.datetime:
    """The moment of this session, aware, read once."""
    if not hasattr(config, "_portal_clock"):
        text = config.getoption("clock")
        if text:
            moment = dt.datetime.fromisoformat(text)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=_zone())
        else:
            moment = dt.datetime.now(dt.UTC)
        config._portal_clock = moment
    return config._portal_clock


def pytest_report_header(config):
    moment = session_moment(config)
    source = "--clock" if config.getoption("clock") else "the wall clock at start"
    local = moment.astimezone(_zone())
    return (
        f"clock: every test starts at {local:%Y-%m-%d %H:%M} {local.tzname()} "
        f"({moment.astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC), from {source}"
    )


@pytest.fixture(scope="session", autouse=True)
def _session_clock(request):
    """The whole session runs on the moment too, so that what session and module
    fixtures start (a Celery worker shared by a module's tests) shares its day."""
    with time_machine.travel(session_moment(request.config), tick=True):
        yield


@pytest.fixture(autouse=True)
def _clock(request):
    """Travel to the session's moment for the whole test (its fixtures included)."""
    with time_machine.travel(session_moment(request.config), tick=True):
        yield


@pytest.fixture
def now(_clock, request) -> dt.datetime:
    """The moment the test started at, aware."""
    return session_moment(request.config)


@pytest.fixture
def today(now) -> dt.date:
    """The portal's local date at the moment the test started."""
    return now.astimezone(_zone()).date()


def local_noon(day: dt.date) -> dt.datetime:
    """Noon of ``day`` in the portal's time zone, aware."""
    return dt.datetime.combine(day, dt.time(12), tzinfo=_zone())


def travel_to(day: dt.date):
    """Travel to local noon of ``day``, ticking (a context manager): for a test
    whose data is dated on its own (a factory's run) and needs a day of it."""
    return time_machine.travel(local_noon(day), tick=True)


def worker_environment() -> dict[str, str]:
    """What a process started now needs to travel to this process's clock."""
    return {WORKER_ENVIRONMENT: dt.datetime.now(dt.UTC).isoformat()}
