"""Importing past completions: earlier CMTE workshops count without retaking them."""

import datetime as dt

import pytest
from django.urls import reverse

from certificates.models import Award
from enrollments.jobs.models import BulkJob
from enrollments.jobs.services import bulk_job_run, past_completion_import_start
from enrollments.models import PastCompletion
from enrollments.services.past_completion_bulk import (
    ImportRefused,
    past_completions_write,
)
from enrollments.services.past_completions import past_completion_rows_read
from tests.factories import LearnerFactory, PortalAdminFactory

from . import journeys
from .journeys import award_of

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
HEADER = "email,unit_slug,completed_on,source\n"


def errors_of(text: str) -> list[str]:
    """What the admin's request refuses, line by line."""
    return past_completion_rows_read(text=text, today=TODAY)[1]


def import_by_job(text: str) -> BulkJob:
    """Start the import as the admin's request does and run it as the worker."""
    rows, errors = past_completion_rows_read(text=text, today=TODAY)
    assert errors == []
    job = past_completion_import_start(
        text=text, rows=len(rows), imported_by=PortalAdminFactory(), today=TODAY
    )
    return bulk_job_run(job_id=job.pk)


@pytest.fixture
def learner():
    return LearnerFactory(email="lucia@example.org")


def test_importing_three_earlier_workshops_earns_the_cmte(catalog, learner):
    text = HEADER + "".join(
        f"Lucia@Example.org,{slug},2024-05-0{n},the 2024 cohort\n"
        for n, slug in enumerate(journeys.CMTE_WORKSHOPS, start=1)
    )

    job = journeys.evaluated(import_by_job(text))

    assert job.status == BulkJob.Status.SUCCEEDED
    assert job.result == {"created": 3}
    assert (job.done, job.total) == (3, 3)
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

    assert errors_of(text) == [
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

    text = HEADER + "lucia@example.org,sotl,2024-05-01,\n"

    assert errors_of(text) == [
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
    assert errors_of(text) == [error]


def test_the_worker_refuses_a_line_recorded_since_and_writes_nothing(catalog, learner):
    # given a checked file of two lines, the second recorded meanwhile
    other = LearnerFactory(email="other@example.org")
    text = (
        HEADER
        + "other@example.org,sotl,2024-05-01,\n"
        + "lucia@example.org,sotl,2024-05-01,\n"
    )
    assert errors_of(text) == []
    journeys.record_past_completion(learner, "sotl")

    # when the worker writes it
    with pytest.raises(ImportRefused) as refused:
        past_completions_write(text=text, imported_by=PortalAdminFactory(), today=TODAY)

    # then it names the line and nothing of the file is written
    assert refused.value.message == (
        "Line 3: lucia@example.org already has Developing Strategies for Online "
        "Teaching and Learning recorded."
    )
    assert not PastCompletion.objects.filter(learner=other).exists()


def test_admin_imports_a_csv_file_in_the_admin(
    client, catalog, learner, portal_admin, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(portal_admin)
    upload = SimpleUploadedFile(
        "past.csv",
        (HEADER + "lucia@example.org,sotl,2024-05-01,the 2024 cohort\n").encode(),
        content_type="text/csv",
    )

    # with no broker the job runs in-process, before the redirect
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:enrollments_pastcompletion_import"), {"csv_file": upload}
        )

    job = BulkJob.objects.get()
    assert response.url == job.get_absolute_url()
    assert "1 past completion imported; progress was re-evaluated." in (
        client.get(response.url).content.decode()
    )
    completion = PastCompletion.objects.get(learner=learner)
    assert completion.source == "the 2024 cohort"


def test_admin_import_reads_a_file_with_a_byte_order_mark(
    client, catalog, learner, portal_admin, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(portal_admin)
    content = "\ufeff" + HEADER + "lucia@example.org,sotl,2024-05-01,Excel\n"
    upload = SimpleUploadedFile("past.csv", content.encode(), "text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:enrollments_pastcompletion_import"), {"csv_file": upload}
        )

    assert PastCompletion.objects.get(learner=learner).source == "Excel"


def test_admin_import_refuses_a_latin1_file_with_a_message(
    client, catalog, learner, portal_admin
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(portal_admin)
    content = HEADER + "lucia@example.org,sotl,2024-05-01,Café cohort\n"
    upload = SimpleUploadedFile("past.csv", content.encode("latin-1"), "text/csv")

    response = client.post(
        reverse("admin:enrollments_pastcompletion_import"), {"csv_file": upload}
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
        reverse("admin:enrollments_pastcompletion_import"),
        {"csv_text": HEADER + "lucia@example.org,sotl,yesterday,\n"},
    )

    page = response.content.decode()
    assert "Nothing was imported: correct these lines and try again." in page
    assert "Line 2: yesterday is not a date (use YYYY-MM-DD)." in page
    assert PastCompletion.objects.count() == 0


def test_a_learner_cannot_open_the_import(client, catalog, learner):
    client.force_login(learner)

    response = client.get(reverse("admin:enrollments_pastcompletion_import"))

    assert response.status_code == 302
    assert PastCompletion.objects.count() == 0


# Limits: a source longer than the field holds and a date before 1990 are
# refused, naming the line, both before the job and in the worker.


def test_a_source_longer_than_the_field_is_refused_naming_line_and_limit(
    catalog, learner
):
    text = HEADER + f"lucia@example.org,sotl,2024-05-01,{'x' * 201}\n"

    rows, errors = past_completion_rows_read(text=text, today=TODAY)

    assert rows == []
    assert errors == ["Line 2: the source is 201 characters long; at most 200 fit."]


def test_a_source_of_exactly_the_limit_is_accepted(catalog, learner):
    text = HEADER + f"lucia@example.org,sotl,2024-05-01,{'x' * 200}\n"

    assert past_completion_rows_read(text=text, today=TODAY)[1] == []


@pytest.mark.parametrize("value", ["0001-01-01", "1989-12-31"])
def test_a_date_before_1990_is_refused_naming_the_line(catalog, learner, value):
    text = (
        HEADER
        + "lucia@example.org,sotl,2024-05-01,\n"
        + (f"lucia@example.org,otla,{value},\n")
    )

    assert past_completion_rows_read(text=text, today=TODAY)[1] == [
        f"Line 3: {value} is before 1990-01-01; check the year of the date."
    ]


def test_the_first_day_of_1990_is_accepted(catalog, learner):
    text = HEADER + "lucia@example.org,sotl,1990-01-01,\n"

    assert past_completion_rows_read(text=text, today=TODAY)[1] == []


def test_the_worker_refuses_a_too_long_source_with_its_message(catalog, learner):
    text = HEADER + f"lucia@example.org,sotl,2024-05-01,{'x' * 250}\n"

    with pytest.raises(ImportRefused) as refused:
        past_completions_write(text=text, imported_by=PortalAdminFactory(), today=TODAY)

    assert refused.value.message == (
        "Line 2: the source is 250 characters long; at most 200 fit."
    )
    assert not PastCompletion.objects.exists()
