import pytest
from django.core.management import call_command


@pytest.fixture
def demo_loaded(db, now):
    """``load_demo`` run on the session's clock (the test's ``today``): the
    catalogue, the users, learner3's history with its awards, dated in the past,
    the demo activity and its payments. Returns the moment of the load."""
    call_command("load_demo", stdout=None)
    return now


@pytest.fixture
def admin_client(client, demo_loaded):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(email="admin@demo.test"))
    return client
