"""Failed logins are limited per account and per IP, in a cache every process shares."""

import pytest
import redis
from allauth.account.models import EmailAddress
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from credentials_portal.caches import CACHE_TABLE, caches_from
from tests.certificates.worker import REDIS_URL, redis_reachable
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-Passw0rd"
TOO_MANY = "Too many failed login attempts. Try again later."
SCHOOL = "203.0.113.7"


def verified_user(email: str):
    user = UserFactory(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def log_in(client, email: str, password: str, ip: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=ip,
    )


def refused(response) -> bool:
    form = response.context and response.context.get("form")
    return bool(form) and TOO_MANY in form.errors.get("__all__", [])


def test_one_accounts_failures_do_not_lock_out_a_colleague_at_the_same_school(
    client,
):
    verified_user("typo@school.example")
    verified_user("colleague@school.example")
    for _ in range(5):
        log_in(client, "typo@school.example", "wrong-password", SCHOOL)

    response = log_in(client, "colleague@school.example", PASSWORD, SCHOOL)

    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_an_account_is_limited_after_five_failures_from_different_addresses(client):
    verified_user("target@school.example")
    for n in range(5):
        response = log_in(client, "target@school.example", "wrong", f"198.51.100.{n}")
        assert not refused(response)

    response = log_in(client, "target@school.example", PASSWORD, "192.0.2.99")

    assert refused(response)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("environ", "backend", "location"),
    [
        ({}, "db.DatabaseCache", CACHE_TABLE),
        (
            {"REDIS_URL": "redis://cache:6379/1"},
            "redis.RedisCache",
            "redis://cache:6379/1",
        ),
        (
            {"CELERY_BROKER_URL": "redis://b:6379/0"},
            "redis.RedisCache",
            "redis://b:6379/0",
        ),
        ({"CELERY_BROKER_URL": "amqp://b//"}, "db.DatabaseCache", CACHE_TABLE),
    ],
)
def test_the_cache_is_shared_redis_when_configured_else_the_database(
    environ, backend, location
):
    default = caches_from(environ)["default"]

    assert default["BACKEND"] == f"django.core.cache.backends.{backend}"
    assert default["LOCATION"] == location


def test_the_default_cache_here_is_one_processes_share():
    assert type(caches["default"]).__name__ in {"DatabaseCache", "RedisCache"}


@pytest.mark.skipif(not redis_reachable(), reason=f"no Redis at {REDIS_URL}")
def test_failed_logins_are_counted_in_redis_when_it_is_configured(client, settings):
    settings.CACHES = caches_from({"REDIS_URL": REDIS_URL})
    redis.Redis.from_url(REDIS_URL).flushdb()
    verified_user("target@school.example")
    for _ in range(5):
        log_in(client, "target@school.example", "wrong", SCHOOL)

    keys = redis.Redis.from_url(REDIS_URL).keys("portal:*login_failed*")

    assert len(keys) == 2  # one count per IP, one per account
    assert refused(log_in(client, "target@school.example", PASSWORD, SCHOOL))


def test_the_eleventh_attempt_in_a_minute_is_refused_even_with_the_password(client):
    # The bar (the 11th in a minute); the account's limit stops it at the 6th.
    verified_user("target@school.example")
    answers = [
        refused(log_in(client, "target@school.example", "wrong", SCHOOL))
        for _ in range(10)
    ]

    eleventh = log_in(client, "target@school.example", PASSWORD, SCHOOL)

    assert answers == [False] * 5 + [True] * 5
    assert refused(eleventh)
    assert "_auth_user_id" not in client.session


def test_forty_correct_logins_from_one_address_in_a_minute_all_succeed(client):
    # A school's staff behind one address: only failures are limited.
    verified_user("teacher@school.example")

    answers = []
    for _ in range(40):
        answers.append(log_in(client, "teacher@school.example", PASSWORD, SCHOOL))
        client.logout()

    assert [response.status_code for response in answers] == [302] * 40


@pytest.mark.django_db(transaction=True)
def test_after_a_plain_migrate_login_works_without_createcachetable(client, settings):
    # given a database cache, and a database made by ``migrate`` alone: no cache
    # table, and the migrations that make it not yet applied
    settings.CACHES = caches_from({})
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {CACHE_TABLE}")
        cursor.execute("DELETE FROM django_migrations WHERE app = 'core'")
    try:
        call_command("migrate", verbosity=0)
        verified_user("first@school.example")

        # when someone logs in
        response = log_in(client, "first@school.example", PASSWORD, SCHOOL)

        # then they are in
        assert response.status_code == 302
        assert "_auth_user_id" in client.session
    finally:
        call_command("createcachetable", verbosity=0)
