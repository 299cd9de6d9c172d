"""Progress toward a program: completed units (earlier ones included) count; units
under way are shown as in progress, never as completed. Pure: no database."""

import pytest

from enrollments.progress import ProgramProgress, program_progress

CMTE = [1, 2, 3]  # SOTL, OTLA, The Online Classroom


@pytest.mark.parametrize(
    ("completed", "active", "expected"),
    [
        ([], [], (0, 0, 0, False)),
        ([], [1, 2], (0, 2, 2, False)),  # enrolled in two: "2 of 3 taken"
        ([1], [2], (1, 1, 2, False)),
        ([1, 2], [], (2, 0, 2, False)),  # 2 of 3: not yet
        ([1, 2, 3], [], (3, 0, 3, True)),  # 3 of 3: the certificate
        ([1, 2], [3], (2, 1, 3, False)),
        ([1], [1], (1, 0, 1, False)),  # a retake counts once, as completed
        ([1, 2, 3, 99], [98], (3, 0, 3, True)),  # units of other programs ignored
    ],
)
def test_cmte_counts_three_workshops(completed, active, expected):
    progress = program_progress(
        counted_unit_ids=CMTE,
        min_count=3,
        completed_unit_ids=completed,
        active_unit_ids=active,
    )
    assert (
        progress.completed,
        progress.in_progress,
        progress.taken,
        progress.is_met,
    ) == expected


def test_every_unit_is_required_when_the_rule_names_no_count():
    progress = program_progress(
        counted_unit_ids=[1, 2, 3, 4, 5],
        min_count=None,
        completed_unit_ids=[1, 2, 3, 4],
        active_unit_ids=[5],
    )
    assert (progress.required, progress.completed, progress.is_met) == (5, 4, False)


def test_a_program_without_a_count_rule_only_counts():
    progress = program_progress(
        counted_unit_ids=[7],
        min_count=None,
        completed_unit_ids=[],
        active_unit_ids=[7],
        has_count_rule=False,
    )
    assert progress == ProgramProgress(required=None, completed=0, in_progress=1)
    assert (progress.taken, progress.percent_taken, progress.is_met) == (1, 0, False)


@pytest.mark.parametrize(
    ("completed", "in_progress", "percent"),
    [(0, 0, 0), (0, 2, 67), (1, 1, 67), (3, 0, 100), (3, 2, 100), (2, 5, 100)],
)
def test_meter_fills_with_units_taken_and_never_overflows(
    completed, in_progress, percent
):
    progress = ProgramProgress(required=3, completed=completed, in_progress=in_progress)
    assert progress.percent_taken == percent
