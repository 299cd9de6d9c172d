"""A credential's validity: the last valid day frozen in its award, stated on every
document and page, "Expired" once past it, and reminders 90 and 30 days before."""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import dateformat, formats, timezone

from certificates.models import Award, ExpiryReminder
from certificates.openbadges.signing import CredentialInvalid, credential_verify
from certificates.rendering import document_html
from certificates.selectors.openbadges import issuer_jwks
from certificates.selectors.validity import (
    award_is_expired,
    awards_current,
    awards_expired,
    expiry_notices_from,
    reminder_due,
)
from certificates.services import award_reissue, award_request, award_revoke
from certificates.services.emailing import award_email
from certificates.services.issuance import award_issue
from certificates.services.openbadges import award_badge_export
from certificates.services.reminders import expiry_reminders_send
from certificates.services.wallet import award_wallet_set
from certificates.tasks import expiry_reminders_task
from certificates.validity import valid_until
from dashboard.selectors.learner import dashboard_context
from programs.models import CredentialProgram, Unit
from tests.clock import travel_to
from tests.factories import PortalAdminFactory
from transcripts.selectors import transcript_for

pytestmark = pytest.mark.django_db

STANDARDS = Path(settings.BASE_DIR).parent / "shared" / "standards" / "openbadges-3.0"


def long(day: dt.date) -> str:
    """As the verification page and the PDFs print a day."""
    return dateformat.format(day, "F j, Y")


def short(day: dt.date) -> str:
    """As the portal's pages print a day (``DATE_FORMAT``)."""
    return formats.date_format(day)


@pytest.fixture
def cmte(catalog):
    program = CredentialProgram.objects.get(slug="cmte")
    program.valid_for_months = 24
    program.save(update_fields=["valid_for_months"])
    return program


@pytest.fixture
def valid_award(cmte, learner, today):
    """The learner's CMTE Certificate, valid 24 months from today, issued."""
    award, _ = award_request(learner=learner, program=cmte, earned_on=today)
    return award_issue(award_id=award.pk)


def verify(client, award, **headers):
    return client.get(
        reverse("certificates:verify", args=[award.verification_code]), **headers
    )


# The last valid day


def test_a_24_month_credential_earned_on_2027_03_01_is_valid_until_2029_02_28():
    assert valid_until(earned_on=dt.date(2027, 3, 1), valid_for_months=24) == (
        dt.date(2029, 2, 28)
    )


def test_a_month_from_january_31_is_valid_until_february_27():
    # relativedelta clamps to February 28 (the anniversary), the day before is last
    assert valid_until(earned_on=dt.date(2027, 1, 31), valid_for_months=1) == (
        dt.date(2027, 2, 27)
    )


def test_a_credential_without_validity_never_expires(catalog, learner, today):
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )

    assert award.expires_on is None
    assert award.snapshot["expires_on"] is None
    assert not award_is_expired(award, today=today + relativedelta(years=50))


def test_the_validity_is_frozen_in_the_award_and_its_snapshot(cmte, learner, today):
    award, _ = award_request(learner=learner, program=cmte, earned_on=today)
    cmte.valid_for_months = 6
    cmte.save(update_fields=["valid_for_months"])

    award.refresh_from_db()
    last_day = today + relativedelta(months=24) - dt.timedelta(days=1)
    assert award.expires_on == last_day
    assert award.snapshot["expires_on"] == last_day.isoformat()


def test_a_unit_award_takes_the_units_validity(catalog, learner, today):
    unit = Unit.objects.get(slug="sotl")
    unit.valid_for_months = 12
    unit.save(update_fields=["valid_for_months"])

    award, _ = award_request(learner=learner, unit=unit, earned_on=today)

    assert award.expires_on == today + relativedelta(months=12) - dt.timedelta(days=1)


def test_a_corrected_reissue_keeps_the_validity(valid_award, cmte):
    cmte.valid_for_months = 6
    cmte.save(update_fields=["valid_for_months"])

    new = award_reissue(award=valid_award, actor=PortalAdminFactory())

    assert new.expires_on == valid_award.expires_on
    assert new.snapshot["expires_on"] == valid_award.expires_on.isoformat()


def test_expired_and_current_querysets_split_on_the_last_valid_day(valid_award):
    awards = Award.objects.filter(pk=valid_award.pk)
    last_day = valid_award.expires_on

    assert list(awards_current(awards, today=last_day)) == [valid_award]
    assert not awards_expired(awards, today=last_day).exists()
    assert list(awards_expired(awards, today=last_day + dt.timedelta(days=1))) == [
        valid_award
    ]
    assert not award_is_expired(valid_award, today=last_day)
    assert award_is_expired(valid_award, today=last_day + dt.timedelta(days=1))


# Every surface states it


def test_the_certificate_pdf_states_the_valid_until_day(valid_award):
    output = valid_award.snapshot["documents"][0]

    html = document_html(award=valid_award, output=output)

    assert f"Valid until {long(valid_award.expires_on)}" in html


def test_the_certificate_email_states_the_valid_until_day(valid_award):
    assert award_email(award_id=valid_award.pk)

    (message,) = mail.outbox
    assert f"It is valid until {short(valid_award.expires_on)}." in message.body


def test_the_transcript_states_the_valid_until_day(client, valid_award, learner):
    (entry,) = transcript_for(learner=learner).entries
    client.force_login(learner)

    page = client.get(reverse("transcripts:transcript")).content.decode()

    assert entry.valid_until == valid_award.expires_on
    assert f"valid until {short(valid_award.expires_on)}" in page


def test_the_verification_page_states_the_validity_while_valid(client, valid_award):
    page = verify(client, valid_award).content.decode()

    assert "verify-valid" in page
    assert "Expired" not in page
    assert long(valid_award.expires_on) in page


def test_past_its_last_day_the_verification_page_says_expired(client, valid_award):
    with travel_to(valid_award.expires_on + dt.timedelta(days=1)):
        page = verify(client, valid_award).content.decode()

    assert "verify-expired" in page
    assert ">Expired<" in page
    assert "Revoked" not in page
    assert "verify-valid" not in page
    assert f"valid only until {long(valid_award.expires_on)}" in page


def test_on_its_last_day_the_award_is_still_valid(client, valid_award):
    with travel_to(valid_award.expires_on):
        page = verify(client, valid_award).content.decode()

    assert "verify-valid" in page


def test_a_revoked_award_says_revoked_even_once_expired(client, valid_award):
    award_revoke(
        award=valid_award, reason="Issued in error", actor=PortalAdminFactory()
    )

    with travel_to(valid_award.expires_on + dt.timedelta(days=1)):
        page = verify(client, valid_award).content.decode()

    assert ">Revoked<" in page
    assert "verify-expired" not in page


def test_the_open_badges_credential_states_valid_until_with_the_offset(
    valid_award, today
):
    schema = json.loads((STANDARDS / "achievementcredential.schema.json").read_text())
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    export = award_badge_export(award=valid_award)
    credential = export.credential

    assert [e.message for e in validator.iter_errors(credential)] == []
    until = dt.datetime.fromisoformat(credential["validUntil"])
    last_day = valid_award.expires_on
    assert until.date() == last_day
    assert until.time() == dt.time(23, 59, 59)
    assert (
        until.utcoffset()
        == timezone.localtime(
            dt.datetime.combine(last_day, dt.time(12), tzinfo=until.tzinfo)
        ).utcoffset()
    )
    keys = issuer_jwks(provider=valid_award.program.provider)
    assert credential_verify(export.token, keys=keys) == credential
    # a verifier refuses the signed credential past its validUntil (exp)
    with (
        travel_to(last_day + dt.timedelta(days=1)),
        pytest.raises(CredentialInvalid),
    ):
        credential_verify(export.token, keys=keys)


def test_the_verification_json_says_expired_once_past_valid_until(client, valid_award):
    accept = {"HTTP_ACCEPT": "application/json"}
    before = verify(client, valid_award, **accept).json()
    with travel_to(valid_award.expires_on + dt.timedelta(days=1)):
        after = verify(client, valid_award, **accept).json()

    assert before["credentialStatus"]["status"] == "active"
    assert after["credentialStatus"]["status"] == "expired"
    assert after["validUntil"] == before["validUntil"]


# The wallet and the dashboard


def test_an_expired_award_leaves_the_wallets_current_list(
    client, valid_award, learner, today
):
    award_wallet_set(award=valid_award, in_wallet=True, actor=learner)
    expired_day = valid_award.expires_on + dt.timedelta(days=1)

    now = dashboard_context(user=learner, today=today)["wallet"]
    later = dashboard_context(user=learner, today=expired_day)["wallet"]

    assert [i.award for i in now.current] == [valid_award]
    assert now.expired == []
    assert later.current == []
    assert [i.award for i in later.expired] == [valid_award]
    with travel_to(expired_day):
        client.force_login(learner)  # signed in that day: a session ends
        page = client.get(reverse("dashboard:dashboard")).content.decode()
    wallet = page.split('id="wallet-heading"')[1].split("</section>")[0]
    assert "No credential in your wallet is current." in wallet
    assert wallet.index('id="wallet-expired-heading"') < wallet.index(
        valid_award.credential_name
    )


def test_the_dashboard_lists_an_expiry_within_90_days(client, valid_award, learner):
    day = valid_award.expires_on - dt.timedelta(days=28)

    with travel_to(day):
        client.force_login(learner)
        page = client.get(reverse("dashboard:dashboard")).content.decode()

    assert "Credentials expiring soon" in page
    assert f"valid until {short(valid_award.expires_on)} (in 28 days)" in page


def test_the_dashboard_lists_no_expiry_further_than_90_days(valid_award, learner):
    day = valid_award.expires_on - dt.timedelta(days=91)

    assert expiry_notices_from([valid_award], today=day) == []


# Reminders, 90 and 30 days before, each once


def test_the_reminder_is_due_90_then_30_days_before_the_last_day(valid_award):
    last = valid_award.expires_on

    def due(days):
        return reminder_due(expires_on=last, today=last - dt.timedelta(days=days))

    assert [due(91), due(90), due(31), due(30), due(0), due(-1)] == [
        None,
        90,
        90,
        30,
        30,
        None,
    ]


def test_no_reminder_goes_before_its_day(valid_award):
    sent = expiry_reminders_send(today=valid_award.expires_on - dt.timedelta(days=91))

    assert sent == 0
    assert mail.outbox == []
    assert not ExpiryReminder.objects.exists()


def test_the_90_day_reminder_is_sent_once_when_the_task_runs_twice(
    valid_award, learner
):
    with travel_to(valid_award.expires_on - dt.timedelta(days=90)):
        first = expiry_reminders_task.apply().get()
        second = expiry_reminders_task.apply().get()

    assert (first, second) == (1, 0)
    (message,) = mail.outbox
    assert message.to == [learner.email]
    assert short(valid_award.expires_on) in message.subject
    assert "90 days from today" in message.body
    reminder = ExpiryReminder.objects.get()
    assert reminder.days_before == 90
    assert reminder.sent_at is not None


def test_a_redelivered_task_after_the_claim_sends_nothing(valid_award):
    # the first delivery claimed the reminder, then its worker was killed
    ExpiryReminder.objects.create(
        award=valid_award, days_before=30, claimed_at=timezone.now()
    )

    with travel_to(valid_award.expires_on - dt.timedelta(days=30)):
        sent = expiry_reminders_task.apply().get()

    assert sent == 0
    assert mail.outbox == []


def test_the_30_day_reminder_follows_the_90_day_one(valid_award):
    last = valid_award.expires_on
    for days in (90, 60, 30, 29, 0):
        expiry_reminders_send(today=last - dt.timedelta(days=days))

    assert len(mail.outbox) == 2
    assert sorted(ExpiryReminder.objects.values_list("days_before", flat=True)) == [
        30,
        90,
    ]


def test_no_reminder_for_a_revoked_or_superseded_award(valid_award, learner, cmte):
    superseded = valid_award
    current = award_reissue(award=superseded, actor=PortalAdminFactory())
    award_revoke(award=current, reason="Issued in error", actor=PortalAdminFactory())

    sent = expiry_reminders_send(today=valid_award.expires_on - dt.timedelta(days=30))

    assert sent == 0
    assert mail.outbox == []


def test_a_refused_reminder_is_released_and_sent_by_the_next_run(
    valid_award, monkeypatch
):
    day = valid_award.expires_on - dt.timedelta(days=30)

    def refuse(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        assert expiry_reminders_send(today=day) == 0
    reminder = ExpiryReminder.objects.get()
    assert (reminder.claimed_at, reminder.failures) == (None, 1)

    assert expiry_reminders_send(today=day) == 1
    assert len(mail.outbox) == 1


# The admin


@pytest.mark.parametrize(
    ("model", "slug"), [("credentialprogram", "cmte"), ("unit", "sotl")]
)
def test_the_admin_sets_the_validity_in_its_own_section(
    superuser_client, catalog, model, slug
):
    owner = (CredentialProgram if model == "credentialprogram" else Unit).objects.get(
        slug=slug
    )
    url = reverse(f"admin:programs_{model}_change", args=[owner.pk])

    response = superuser_client.get(url)

    fieldsets = [fieldset.name for fieldset in response.context["adminform"]]
    assert fieldsets == [None, "Validity"]
    validity = list(response.context["adminform"])[1]
    assert [f.field.name for line in validity for f in line] == ["valid_for_months"]
    assert 'name="valid_for_months"' in response.content.decode()
