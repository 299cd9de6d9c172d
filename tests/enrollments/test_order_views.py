"""The group leader's pages: form, quote, confirmation, invoice; others get 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core import clock
from core.dates import format_date
from enrollments.group_orders.confirm import group_order_confirm
from enrollments.group_orders.services import group_order_create
from enrollments.jobs.models import BulkJob
from enrollments.models import Enrollment, GroupOrder, Invoice
from tests.enrollments.order_helpers import sotl_offering
from tests.factories import PortalAdminFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sotl():
    return sotl_offering()


def csv_of(n: int) -> SimpleUploadedFile:
    rows = "".join(
        f"Teacher {i},teacher{i}@school.example\r\n" for i in range(1, n + 1)
    )
    content = ("\ufeffname,email\r\n" + rows).encode()
    return SimpleUploadedFile("group.csv", content, content_type="text/csv")


def test_group_order_needs_a_login(client, sotl):
    response = client.get(reverse("orders:new"), {"offering": sotl.pk})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_form_preselects_the_offering(client, sotl):
    client.force_login(UserFactory())
    response = client.get(reverse("orders:new"), {"offering": sotl.pk})
    assert response.status_code == 200
    assert response.context["form"].initial["offering"] == sotl


@pytest.mark.parametrize("chosen", ["abc", "999999", ""])
def test_form_ignores_an_unknown_offering(client, chosen):
    client.force_login(UserFactory())
    response = client.get(reverse("orders:new"), {"offering": chosen})
    assert response.status_code == 200
    assert response.context["form"].initial["offering"] is None


def test_csv_upload_leads_to_a_quote_with_the_discount(client, sotl):
    leader = UserFactory()
    client.force_login(leader)
    response = client.post(
        reverse("orders:new"), {"offering": sotl.pk, "csv_file": csv_of(10)}
    )
    order = GroupOrder.objects.get(leader=leader)
    assert response.status_code == 302
    assert response.url == reverse("orders:quote", kwargs={"pk": order.pk})
    page = client.get(response.url).content.decode()
    assert "USD 4,000.00" in page
    assert "Group discount: 25% off the total from 10 people" in page
    assert "USD 3,000.00" in page
    assert (
        "10 seats (USD 3,000.00) cost less in all than 9 seats (USD 3,600.00)." in page
    )


def test_nine_seat_quote_shows_that_ten_would_cost_less(client, sotl):
    leader = UserFactory()
    client.force_login(leader)
    typed = "\n".join(f"Teacher {i}, teacher{i}@school.example" for i in range(1, 10))
    response = client.post(
        reverse("orders:new"), {"offering": sotl.pk, "participants": typed}, follow=True
    )
    assert (
        "10 seats would cost less in total (USD 3,000.00) than the 9 in this quote "
        "(USD 3,600.00)." in response.content.decode()
    )


def test_bad_rows_are_reported_next_to_the_field_and_nothing_is_written(client, sotl):
    client.force_login(UserFactory())
    upload = SimpleUploadedFile(
        "group.csv", b"name,email\nAda,ada@example.org\nBob,bob@\n", "text/csv"
    )
    response = client.post(
        reverse("orders:new"), {"offering": sotl.pk, "csv_file": upload}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["csv_file"] == [
        "Row 3: 'bob@' is not a valid email address."
    ]
    assert not GroupOrder.objects.exists()


def test_latin1_csv_is_refused_on_the_form_and_nothing_is_written(client, sotl):
    client.force_login(UserFactory())
    content = "name,email\nJosé,jose@example.org\nAda,ada@example.org\n"
    upload = SimpleUploadedFile("group.csv", content.encode("latin-1"), "text/csv")
    response = client.post(
        reverse("orders:new"), {"offering": sotl.pk, "csv_file": upload}
    )
    assert response.context["form"].errors["csv_file"] == [
        "Line 2 of the file is not UTF-8 text: save it as “CSV UTF-8” and "
        "upload it again."
    ]
    assert not GroupOrder.objects.exists()


def test_csv_over_one_megabyte_is_refused(client, sotl):
    client.force_login(UserFactory())
    upload = SimpleUploadedFile("group.csv", b"x" * (1024 * 1024 + 1), "text/csv")
    response = client.post(
        reverse("orders:new"), {"offering": sotl.pk, "csv_file": upload}
    )
    assert response.context["form"].errors["csv_file"] == [
        "The file is larger than 1 MB: split it and upload each part."
    ]
    assert not GroupOrder.objects.exists()


def test_duplicate_participant_is_refused_with_its_line_and_the_other_errors(
    client, sotl
):
    client.force_login(UserFactory())
    typed = "Ada, ada@example.org\nBob, bob@\nAda again, ADA@example.org\n"
    response = client.post(
        reverse("orders:new"), {"offering": sotl.pk, "participants": typed}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["participants"] == [
        "Line 2: 'bob@' is not a valid email address.",
        "Line 3: ada@example.org is already listed on line 1.",
    ]
    assert not GroupOrder.objects.exists()


def test_no_participants_at_all_is_refused(client, sotl):
    client.force_login(UserFactory())
    response = client.post(reverse("orders:new"), {"offering": sotl.pk})
    assert response.context["form"].errors["participants"] == [
        "Name the participants: type them or upload a CSV file."
    ]


def _two_person_order(leader, sotl):
    return group_order_create(
        leader=leader,
        offering=sotl,
        participants=[("Ada", "ada@example.org"), ("Bob", "bob@example.org")],
        today=clock.today(),
    )


def test_confirm_returns_at_once_with_the_job_queued_and_nothing_written(
    client, sotl, django_capture_on_commit_callbacks
):
    # given a quoted order
    leader = UserFactory()
    order = _two_person_order(leader, sotl)
    client.force_login(leader)

    # when the leader confirms and the worker has not run the job yet
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("orders:confirm", kwargs={"pk": order.pk}))

    # then they are sent to the job's page, the job waits, nothing is written
    job = BulkJob.objects.get(group_order=order)
    assert response.url == reverse("jobs:detail", kwargs={"public_id": job.public_id})
    assert len(callbacks) == 1
    assert job.status == BulkJob.Status.QUEUED
    assert job.total == 2
    assert not Invoice.objects.exists()
    assert not Enrollment.objects.exists()
    page = client.get(response.url).content.decode()
    assert "Waiting for the worker to start." in page
    assert '<meta http-equiv="refresh" content="2">' in page
    # and a second click finds the same job
    again = client.post(reverse("orders:confirm", kwargs={"pk": order.pk}))
    assert again.url == response.url
    assert BulkJob.objects.count() == 1


def test_confirm_without_a_broker_runs_the_job_before_the_page(
    client, sotl, django_capture_on_commit_callbacks
):
    leader = UserFactory()
    order = _two_person_order(leader, sotl)
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orders:confirm", kwargs={"pk": order.pk}))
    invoice = Invoice.objects.get(order=order)
    page = client.get(response.url).content.decode()
    assert "2 participants are enrolled and invited by email" in page
    assert reverse("orders:invoice", kwargs={"number": invoice.number}) in page
    assert "http-equiv" not in page
    assert Enrollment.objects.filter(group_order=order).count() == 2
    page = client.get(
        reverse("orders:invoice", kwargs={"number": invoice.number})
    ).content.decode()
    assert f"Invoice {invoice.number}" in page
    assert "USD 800.00" in page
    # the quote page of a confirmed order leads to its invoice
    response = client.get(reverse("orders:quote", kwargs={"pk": order.pk}))
    assert response.url == reverse("orders:invoice", kwargs={"number": invoice.number})
    # and a second click on Confirm changes nothing and leads to the same job
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("orders:confirm", kwargs={"pk": order.pk}))
    assert again.url == BulkJob.objects.get().get_absolute_url()
    assert Invoice.objects.count() == 1


def test_refused_confirmation_shows_who_and_why(
    client, sotl, django_capture_on_commit_callbacks
):
    leader = UserFactory()
    order = _two_person_order(leader, sotl)
    bob = UserFactory(email="bob@example.org")
    Enrollment.objects.create(learner=bob, offering=sotl)
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("orders:confirm", kwargs={"pk": order.pk}))
    job = BulkJob.objects.get(group_order=order)
    assert job.status == BulkJob.Status.FAILED
    assert job.message == f"Bob (bob@example.org) is already enrolled in {sotl}."
    page = client.get(response.url).content.decode()
    assert "Nothing was changed." in page
    assert f"Bob (bob@example.org) is already enrolled in {sotl}." in page
    assert not Invoice.objects.exists()


def test_someone_elses_quote_and_invoice_are_404(client, sotl):
    leader = UserFactory()
    order = group_order_create(
        leader=leader,
        offering=sotl,
        participants=[("Ada", "ada@example.org"), ("Bob", "bob@example.org")],
        today=clock.today(),
    )
    client.force_login(UserFactory())
    assert (
        client.get(reverse("orders:quote", kwargs={"pk": order.pk})).status_code == 404
    )
    assert (
        client.post(reverse("orders:confirm", kwargs={"pk": order.pk})).status_code
        == 404
    )
    invoice = group_order_confirm(order=order, today=clock.today())
    url = reverse("orders:invoice", kwargs={"number": invoice.number})
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("orders:invoice", kwargs={"number": "INV-0"})).status_code
        == 404
    )


def test_admin_sees_any_invoice(client, sotl):
    order = group_order_create(
        leader=UserFactory(),
        offering=sotl,
        participants=[("Ada", "ada@example.org"), ("Bob", "bob@example.org")],
        today=clock.today(),
    )
    invoice = group_order_confirm(order=order, today=clock.today())
    client.force_login(PortalAdminFactory())
    url = reverse("orders:invoice", kwargs={"number": invoice.number})
    assert client.get(url).status_code == 200


def test_staff_status_without_the_admin_role_sees_no_one_elses_invoice(client, sotl):
    order = group_order_create(
        leader=UserFactory(),
        offering=sotl,
        participants=[("Ada", "ada@example.org"), ("Bob", "bob@example.org")],
        today=clock.today(),
    )
    invoice = group_order_confirm(order=order, today=clock.today())
    client.force_login(UserFactory(is_staff=True))
    url = reverse("orders:invoice", kwargs={"number": invoice.number})
    assert client.get(url).status_code == 404


def _invoice_page_queries(client, sotl, size: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    leader = UserFactory()
    participants = [(f"T{i}", f"t{size}-{i}@example.org") for i in range(size)]
    order = group_order_create(
        leader=leader, offering=sotl, participants=participants, today=clock.today()
    )
    invoice = group_order_confirm(order=order, today=clock.today())
    client.force_login(leader)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("orders:invoice", args=[invoice.number]))
    assert response.status_code == 200
    assert invoice.number in response.content.decode()
    return len(queries)


def test_invoice_page_queries_do_not_grow_with_participants(client, sotl):
    assert _invoice_page_queries(client, sotl, 2) == _invoice_page_queries(
        client, sotl, 12
    )


def test_unit_page_links_to_a_group_order(client, sotl):
    response = client.get(
        reverse("programs:unit_detail", kwargs={"slug": sotl.unit.slug})
    )
    assert f"{reverse('orders:new')}?offering={sotl.pk}" in response.content.decode()


def test_picker_lists_only_open_offerings_in_date_order_and_refuses_a_stale_one(
    client,
):
    import datetime as dt

    from tests.factories import OfferingFactory

    later = sotl_offering()
    unit = later.unit
    sooner = OfferingFactory(
        unit=unit,
        label="Winter",
        start_date=later.start_date - dt.timedelta(weeks=4),
        end_date=later.end_date,
        enrollment_opens=later.enrollment_opens,
        enrollment_closes=later.enrollment_closes - dt.timedelta(weeks=4),
    )
    ended = OfferingFactory(
        unit=unit,
        label="Spring 2026",
        start_date=later.start_date - dt.timedelta(weeks=52),
        end_date=later.end_date - dt.timedelta(weeks=52),
        enrollment_opens=later.enrollment_opens - dt.timedelta(weeks=52),
        enrollment_closes=None,
    )
    client.force_login(UserFactory())
    form = client.get(reverse("orders:new")).context["form"]
    choices = [value for value, _label in form.fields["offering"].widget.choices]
    assert choices == ["", sooner.pk, later.pk]
    labels = dict(form.fields["offering"].widget.choices)
    dates = f"{format_date(later.start_date)} to {format_date(later.end_date)}"
    assert labels[later.pk] == f"{later} ({dates})"
    response = client.post(
        reverse("orders:new"),
        {"offering": ended.pk, "participants": "A, a@x.example\nB, b@x.example"},
    )
    assert response.context["form"].non_field_errors() == [
        f"{ended} has already ended."
    ]
    assert not GroupOrder.objects.exists()
