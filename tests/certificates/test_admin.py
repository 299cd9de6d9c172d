"""Admins revoke, re-issue and see a learner's progress."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from certificates.models import Award, AwardEvent
from certificates.services import award_request
from certificates.services.issuance import award_issue
from core.dates import format_date
from programs.models import CredentialProgram
from tests.catalog import demo_offering
from tests.factories import EnrollmentFactory, UserFactory

from . import journeys

pytestmark = pytest.mark.django_db


def test_admin_revokes_with_a_reason(admin_client, issued):
    url = reverse("admin:certificates_award_revoke", args=[issued.pk])

    response = admin_client.post(url, {"reason": "Plagiarised portfolio."})

    assert response.status_code == 302
    issued.refresh_from_db()
    assert issued.status == Award.Status.REVOKED
    assert issued.revoke_reason == "Plagiarised portfolio."
    assert issued.documents.count() == 1
    assert issued.events.last().kind == "revoked"


def test_revoking_needs_a_reason(admin_client, issued):
    url = reverse("admin:certificates_award_revoke", args=[issued.pk])

    response = admin_client.post(url, {"reason": "  "})

    assert response.status_code == 200
    issued.refresh_from_db()
    assert issued.status == Award.Status.ISSUED


def test_revoking_twice_is_refused(admin_client, issued):
    url = reverse("admin:certificates_award_revoke", args=[issued.pk])
    admin_client.post(url, {"reason": "Issued in error."})

    response = admin_client.post(url, {"reason": "Again."})

    assert "Only a pending, issued or failed award can be revoked." in (
        response.content.decode()
    )
    issued.refresh_from_db()
    assert issued.revoke_reason == "Issued in error."


def test_admin_reissues_with_the_corrected_name(admin_client, issued, learner):
    learner.legal_name = "Lucía Learner Ortega"
    learner.save()

    admin_client.post(
        reverse("admin:certificates_award_changelist"),
        {"action": "reissue", "_selected_action": [issued.pk]},
    )

    issued.refresh_from_db()
    assert issued.status == Award.Status.SUPERSEDED
    new = issued.replaced_by
    assert new.snapshot["name"] == "Lucía Learner Ortega"


def test_a_staff_user_who_may_only_view_awards_cannot_reissue(client, issued):
    # given a staff user allowed to view awards and nothing more
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_award"))
    client.force_login(viewer)
    changelist = reverse("admin:certificates_award_changelist")

    # when they post the re-issue action
    response = client.post(
        changelist, {"action": "reissue", "_selected_action": [issued.pk]}
    )

    # then the action is not theirs to run and the award is as it was
    assert response.status_code == 200
    issued.refresh_from_db()
    assert issued.status == Award.Status.ISSUED
    assert not Award.objects.filter(replaces=issued).exists()


def test_admin_sees_why_not_yet_for_a_learner(admin_client, catalog, learner):
    journeys.complete_workshop(learner, "sotl")

    response = admin_client.get(
        reverse("admin:certificates_award_progress", args=[learner.pk])
    )

    page = response.content.decode()
    assert "Certificate in Media and Technology for Education" in page
    assert "2 more workshops" in page


def test_admin_reads_the_learners_certificates_under_their_name(
    admin_client, catalog, learner
):
    response = admin_client.get(
        reverse("admin:certificates_award_progress", args=[learner.pk])
    )

    page = response.content.decode()
    assert f"Certificates and badges of {learner.display_name}" in page
    assert "Your certificates" not in page
    assert "as soon as you earn them" not in page


def test_award_pages_of_the_admin_open(admin_client, issued):
    for url in [
        reverse("admin:certificates_award_changelist"),
        reverse("admin:certificates_award_change", args=[issued.pk]),
        reverse("admin:certificates_outputspec_changelist"),
        reverse("admin:enrollments_pastcompletion_import"),
    ]:
        assert admin_client.get(url).status_code == 200, url


def test_award_events_are_read_only_in_the_admin(admin_client, issued):
    # given an issued award with its history
    events = list(issued.events.values_list("pk", "kind"))
    url = reverse("admin:certificates_award_change", args=[issued.pk])

    # when an admin opens it and posts an event of their own
    page = admin_client.get(url)
    formset = next(
        f for f in page.context["inline_admin_formsets"] if f.opts.model is AwardEvent
    )
    admin_client.post(
        url,
        {
            f"{formset.formset.prefix}-TOTAL_FORMS": "1",
            f"{formset.formset.prefix}-INITIAL_FORMS": "0",
            f"{formset.formset.prefix}-0-kind": "revoked",
            f"{formset.formset.prefix}-0-award": issued.pk,
        },
    )

    # then the events are shown without add, change or delete, and none is added
    assert not formset.has_add_permission
    assert not formset.has_change_permission
    assert not formset.has_delete_permission
    assert list(issued.events.values_list("pk", "kind")) == events


def test_admin_finds_a_failed_award_and_resends_it(
    admin_client, catalog, learner, django_capture_on_commit_callbacks, today
):
    # given an award whose render failed at once (an output with no layout)
    award, _ = award_request(
        learner=learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )
    good = award.snapshot
    Award.objects.filter(pk=award.pk).update(
        snapshot={**good, "documents": [{"kind": "hologram", "title": "X"}]}
    )
    award_issue(award_id=award.pk)
    changelist = reverse("admin:certificates_award_changelist")

    # when the admin lists failed awards, fixes the cause and resends it
    listed = admin_client.get(changelist, {"status__exact": "failed"})
    Award.objects.filter(pk=award.pk).update(snapshot=good)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            changelist, {"action": "retry", "_selected_action": [award.pk]}
        )

    # then it was listed with its reason, and is issued now
    assert "KeyError: &#x27;hologram&#x27;" in listed.content.decode()
    award.refresh_from_db()
    assert award.status == Award.Status.ISSUED
    assert award.documents.count() == 1


def test_why_not_yet_says_an_award_met_early_waits_for_its_runs_end(
    admin_client, catalog, learner, now, today
):
    # given SOTL's final product submitted today, during its current run
    offering = demo_offering("sotl", "current", today=today)
    end = offering.end_date
    enrollment = EnrollmentFactory(learner=learner, offering=offering)
    journeys.submit(enrollment, "Final product", now=now)

    # when the admin reads the learner's progress before the run ends
    response = admin_client.get(
        reverse("admin:certificates_award_progress", args=[learner.pk])
    )

    # then the unit's report says every condition is met and when it is earned
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Every condition is met: the award waits for the end of its run and is "
        f"earned on {format_date(end)}."
    ) in page
    assert page.count("Every condition is met") == 1
    assert not Award.objects.filter(learner=learner).exists()
