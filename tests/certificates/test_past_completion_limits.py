"""A past-completion import refuses, naming the line, a source longer than the
field holds and a date before 1990: both before the job and in the worker."""

import datetime as dt

import pytest

from enrollments.models import PastCompletion
from enrollments.services.past_completion_bulk import (
    ImportRefused,
    past_completions_write,
)
from enrollments.services.past_completions import past_completion_rows_read
from tests.factories import LearnerFactory, PortalAdminFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 23)
HEADER = "email,unit_slug,completed_on,source\n"


@pytest.fixture
def learner():
    return LearnerFactory(email="lucia@example.org")


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
