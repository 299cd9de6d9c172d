import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

LOAD_DAY = dt.date(2026, 11, 23)


@pytest.fixture
def demo_loaded(db, monkeypatch):
    """``load_demo`` run with the clock at noon on Nov 23, 2026: the catalogue,
    the users, learner3's issued awards and the demo activity."""
    noon = dt.datetime.combine(
        LOAD_DAY, dt.time(12), tzinfo=timezone.get_default_timezone()
    )
    monkeypatch.setattr(timezone, "now", lambda: noon)
    call_command("load_demo", stdout=None)
    return noon


@pytest.fixture
def admin_client(client, demo_loaded):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="admin@demo.test"))
    return client
