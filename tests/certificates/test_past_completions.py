"""Importing past completions: earlier CMTE workshops count without retaking them."""

import datetime as dt

import pytest
from django.urls import reverse

from certificates.models import Award
from enrollments.models import PastCompletion
from enrollments.services.past_completions import past_completions_import
from tests.factories import LearnerFactory, PortalAdminFactory

from . import journeys
from .journeys import award_of

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
HEADER = "email,unit_slug,completed_on,source\n"


@pytest.fixture
def learner():
    return LearnerFactory(email="lucia@example.org")


def test_importing_three_earlier_workshops_earns_the_cmte(catalog, learner):
    text = HEADER + "".join(
        f"Lucia@Example.org,{slug},2024-05-0{n},the 2024 cohort\n"
        for n, slug in enumerate(journeys.CMTE_WORKSHOPS, start=1)
    )

    result = past_completions_import(
        text=text, imported_by=PortalAdminFactory(), today=TODAY
    )

    assert result.errors == []
    assert len(result.created) == 3
    assert PastCompletion.objects.filter(learner=learner).count() == 3
    assert award_of(learner, program="cmte").status == Award.Status.PENDING


def test_one_bad_line_imports_nothing_and_names_every_problem(catalog, learner):
    text = HEADER + (
        "lucia@example.org,sotl,2024-05-01,ok\n"
        "nobody@example.org,sotl,2024-05-01,\n"
        "lucia@example.org,no-such-unit,2024-05-01,\n"
        "lucia@example.org,otla,05/01/2024,\n"
        "lucia@example.org,otla,2027-01-01,\n"
        "lucia@example.org,sotl,2024-06-01,again\n"
    )

    result = past_completions_import(
        text=text, imported_by=PortalAdminFactory(), today=TODAY
    )

    assert result.created == []
    assert result.errors == [
        "Line 3: no learner has the email nobody@example.org.",
        "Line 4: no unit has the slug no-such-unit.",
        "Line 5: 05/01/2024 is not a date (use YYYY-MM-DD).",
        "Line 6: 2027-01-01 is in the future.",
        "Line 7 repeats an earlier line for lucia@example.org and Developing "
        "Strategies for Online Teaching and Learning.",
    ]
    assert PastCompletion.objects.count() == 0


def test_a_completion_already_recorded_is_refused(catalog, learner):
    journeys.record_past_completion(learner, "sotl")

    result = past_completions_import(
        text=HEADER + "lucia@example.org,sotl,2024-05-01,\n",
        imported_by=PortalAdminFactory(),
        today=TODAY,
    )

    assert result.errors == [
        "Line 2: lucia@example.org already has Developing Strategies for Online "
        "Teaching and Learning recorded."
    ]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (
            "email,unit,date\nx,y,z\n",
            "The file needs the columns email, unit_slug, completed_on, source.",
        ),
        (HEADER, "The file holds no rows."),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused(catalog, text, error):
    result = past_completions_import(
        text=text, imported_by=PortalAdminFactory(), today=TODAY
    )

    assert result.errors == [error]


def test_admin_imports_a_csv_file_in_the_admin(client, catalog, learner, portal_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(portal_admin)
    upload = SimpleUploadedFile(
        "past.csv",
        (HEADER + "lucia@example.org,sotl,2024-05-01,the 2024 cohort\n").encode(),
        content_type="text/csv",
    )

    response = client.post(
        reverse("admin:certificates_award_import"), {"csv_file": upload}, follow=True
    )

    assert "Past completions imported: 1. Progress was re-evaluated." in (
        response.content.decode()
    )
    completion = PastCompletion.objects.get(learner=learner)
    assert completion.source == "the 2024 cohort"


def test_admin_import_reads_a_file_with_a_byte_order_mark(
    client, catalog, learner, portal_admin
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(portal_admin)
    content = "\ufeff" + HEADER + "lucia@example.org,sotl,2024-05-01,Excel\n"
    upload = SimpleUploadedFile("past.csv", content.encode(), "text/csv")

    client.post(reverse("admin:certificates_award_import"), {"csv_file": upload})

    assert PastCompletion.objects.get(learner=learner).source == "Excel"


def test_admin_import_refuses_a_latin1_file_with_a_message(
    client, catalog, learner, portal_admin
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(portal_admin)
    content = HEADER + "lucia@example.org,sotl,2024-05-01,Café cohort\n"
    upload = SimpleUploadedFile("past.csv", content.encode("latin-1"), "text/csv")

    response = client.post(
        reverse("admin:certificates_award_import"), {"csv_file": upload}
    )

    assert response.context["form"].errors["csv_file"] == [
        "Line 2 of the file is not UTF-8 text: save it as “CSV UTF-8” and "
        "upload it again."
    ]
    assert PastCompletion.objects.count() == 0


def test_admin_sees_every_error_and_nothing_is_imported(
    client, catalog, learner, portal_admin
):
    client.force_login(portal_admin)

    response = client.post(
        reverse("admin:certificates_award_import"),
        {"csv_text": HEADER + "lucia@example.org,sotl,yesterday,\n"},
    )

    page = response.content.decode()
    assert "Nothing was imported: correct these lines and try again." in page
    assert "Line 2: yesterday is not a date (use YYYY-MM-DD)." in page
    assert PastCompletion.objects.count() == 0


def test_a_learner_cannot_open_the_import(client, catalog, learner):
    client.force_login(learner)

    response = client.get(reverse("admin:certificates_award_import"))

    assert response.status_code == 302
    assert PastCompletion.objects.count() == 0
