"""Submissions, their versions and the facilitators' reviews, dated inside each
enrollment's run: completed enrollments end with every requirement done (Met),
withdrawn ones stop at Not Met, the run under way has work waiting for review."""

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import timezone

from core import clock
from enrollments.models import Enrollment
from programs.models import Requirement
from reviews.models import Review, Submission, SubmissionVersion

from .copying import IdRange, copy_rows
from .learners import Planned

FEEDBACK = [
    "Connect the plan to your own learners' needs and say how you will measure it.",
    "The reflection restates the readings; add what you changed in your practice.",
    "Good start: the evaluation section is missing. Add it and resubmit.",
]
MET_FEEDBACK = ["Clear, specific and well argued.", "Meets every criterion.", ""]


class SubmissionRow(NamedTuple):
    """One ``Submission`` row, its fields named as the model's."""

    id: int
    enrollment: int
    requirement: int
    created_at: dt.datetime
    offering: int
    # The review queue's row (``reviews.latest``): the last submitted version,
    # when, and its decision ("" while it waits or is not reviewed).
    latest_version: int | None
    latest_submitted_at: dt.datetime | None
    latest_decision: str


class VersionRow(NamedTuple):
    id: int
    submission: int
    number: int
    status: str
    text: str
    link: str
    created_at: dt.datetime
    updated_at: dt.datetime
    submitted_at: dt.datetime | None


class ReviewRow(NamedTuple):
    version: int
    reviewer: int
    decision: str
    feedback: str
    created_at: dt.datetime
    updated_at: dt.datetime


# The end of the run under way, for versions: now, less a margin.
RECENT = dt.timedelta(hours=1)


@dataclass
class Plan:
    """What one requirement of one enrollment gets: submitted versions, how the
    last one ends ("met", "not_met", "pending" or "" when not reviewed), a draft."""

    enrollment: Planned
    requirement: Requirement
    submitted: int
    last: str
    draft: bool = False


@dataclass
class Rows:
    submissions: list[SubmissionRow] = field(default_factory=list)
    versions: list[VersionRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    # Completed enrollment id -> when its last requirement was done.
    done_at: dict[int, dt.datetime] = field(default_factory=dict)


def _reviewed(requirement: Requirement) -> bool:
    return requirement.review_mode != Requirement.ReviewMode.NONE


def _outcome(p: Planned, requirement: Requirement, rng: random.Random) -> Plan | None:
    reviewed = _reviewed(requirement)
    if p.status == Enrollment.Status.COMPLETED:
        return Plan(p, requirement, 1, "met" if reviewed else "")
    if p.status == Enrollment.Status.WITHDRAWN:
        # Dropped out: reviewed work ends Not Met; unreviewed work was never sent.
        if reviewed and rng.random() < 0.6:
            return Plan(p, requirement, 1, "not_met")
        return Plan(p, requirement, 0, "", draft=True) if rng.random() < 0.2 else None
    if p.cohort.phase != "current":
        return None
    roll = rng.random()
    if roll < 0.25:
        return None
    if roll < 0.35:
        return Plan(p, requirement, 0, "", draft=True)
    if not reviewed:
        return Plan(p, requirement, 1, "")
    last = rng.choices(["pending", "not_met", "met"], [0.45, 0.25, 0.30])[0]
    return Plan(p, requirement, 1, last, draft=last == "not_met" and rng.random() < 0.3)


def work_plan(planned: list[Planned], rng: random.Random, versions: int) -> list[Plan]:
    """Every requirement's outcome, with revisions (Not Met, then again) spread over
    the reviewed submissions so that the submitted versions reach ``versions``."""
    plans = [
        plan
        for p in planned
        for requirement in p.unit.requirements.all()
        if (plan := _outcome(p, requirement, rng))
    ]
    revisable = [pl for pl in plans if pl.submitted and _reviewed(pl.requirement)]
    fixed = sum(pl.submitted for pl in plans) - len(revisable)
    if revisable:
        extra = max(0.0, (versions - fixed) / len(revisable) - 1)
        for plan in revisable:
            plan.submitted += min(11, round(rng.expovariate(1 / extra))) if extra else 0
    return plans


def _window(p: Planned) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(p.cohort.start, dt.time(8), tzinfo=tz)
    start = max(start, p.created_at)
    end = dt.datetime.combine(p.cohort.end, dt.time(20), tzinfo=tz)
    return start, min(end, clock.now() - RECENT)


def work_rows(plans: list[Plan], rng: random.Random) -> Rows:
    rows = Rows()
    submission_ids, version_ids = IdRange(Submission), IdRange(SubmissionVersion)
    for plan in plans:
        p = plan.enrollment
        start, end = _window(p)
        slots = plan.submitted + plan.draft
        slot = (end - start) / (slots + 1)
        submission_id = submission_ids.take()
        created_at = start + slot * rng.random()
        latest: tuple = (None, None, "")
        for number in range(1, slots + 1):
            at = start + slot * (number - 1 + rng.random() * 0.5)
            text = (
                f"{plan.requirement.title}, version {number}: my plan and what I tried."
            )
            version_id = version_ids.take()
            if number > plan.submitted:
                rows.versions.append(
                    VersionRow(
                        version_id,
                        submission_id,
                        number,
                        "draft",
                        text,
                        "",
                        at,
                        at,
                        None,
                    )
                )
                continue
            rows.versions.append(
                VersionRow(
                    id=version_id,
                    submission=submission_id,
                    number=number,
                    status="submitted",
                    text=text,
                    link="",
                    created_at=at,
                    updated_at=at,
                    submitted_at=at,
                )
            )
            decision = "not_met" if number < plan.submitted else plan.last
            latest = (version_id, at, "" if decision == "pending" else decision)
            if decision in ("", "pending"):
                if decision == "" and p.status == Enrollment.Status.COMPLETED:
                    rows.done_at[p.id] = max(rows.done_at.get(p.id, at), at)
                continue
            reviewed_at = at + slot * (0.5 + rng.random() * 0.4)
            feedback = rng.choice(FEEDBACK if decision == "not_met" else MET_FEEDBACK)
            rows.reviews.append(
                ReviewRow(
                    version=version_id,
                    reviewer=p.cohort.facilitator_id,
                    decision=decision,
                    feedback=feedback,
                    created_at=reviewed_at,
                    updated_at=reviewed_at,
                )
            )
            if decision == "met" and p.status == Enrollment.Status.COMPLETED:
                rows.done_at[p.id] = max(
                    rows.done_at.get(p.id, reviewed_at), reviewed_at
                )
        # Written with its versions, in the generator's one transaction (the
        # foreign key to the latest version is checked when it commits).
        rows.submissions.append(
            SubmissionRow(
                id=submission_id,
                enrollment=p.id,
                requirement=plan.requirement.pk,
                created_at=created_at,
                offering=p.cohort.id,
                latest_version=latest[0],
                latest_submitted_at=latest[1],
                latest_decision=latest[2],
            )
        )
    return rows


def work_write(rows: Rows) -> dict[str, int]:
    return {
        "submissions": copy_rows(Submission, SubmissionRow, rows.submissions),
        "versions": copy_rows(SubmissionVersion, VersionRow, rows.versions),
        "reviews": copy_rows(Review, ReviewRow, rows.reviews),
    }
