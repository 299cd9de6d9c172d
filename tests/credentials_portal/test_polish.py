"""A favicon, sentence case on the login page, and a contact address to write to."""

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from enrollments.group_orders.services import OrderRefused, group_order_quote
from tests.factories import OfferingFactory, ProviderFactory

pytestmark = pytest.mark.django_db


def test_every_page_links_a_favicon_that_is_served(client):
    page = client.get(reverse("account_login")).content.decode()

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == "/static/favicon.svg"


def test_the_login_page_says_remember_me_in_sentence_case(client):
    page = client.get(reverse("account_login")).content.decode()

    assert "Remember me" in page
    assert "Remember Me" not in page


def test_the_check_your_email_page_names_the_contact_address(client, settings):
    settings.CONTACT_EMAIL = "help@portal.example.org"

    page = client.get(reverse("account_email_verification_sent")).content.decode()

    assert "or write to help@portal.example.org." in page
    assert "programme team" not in page


def test_a_unit_without_a_price_names_its_providers_contact(settings):
    settings.CONTACT_EMAIL = "help@portal.example.org"
    provider = ProviderFactory(name="Loyola", contact_email="mc@loyola.example.org")
    offering = OfferingFactory(unit__provider=provider, unit__price=None)

    with pytest.raises(OrderRefused) as refused:
        group_order_quote(offering=offering, seats=10)

    assert refused.value.message == (
        "This unit has no published price; ask Loyola at mc@loyola.example.org."
    )
    provider.contact_email = ""
    assert provider.contact_address == "help@portal.example.org"
