"""The sizes the generator builds: a small preset for CI and a large one for the
benchmark (issue 11: 100,000 learners, 300,000 enrollments, 1,000,000 submissions
and reviews, 50,000 awards)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    name: str
    learners: int
    enrollments: int
    # Submitted versions aimed at (a submission is one per enrollment and
    # requirement; revisions after Not Met are further versions).
    versions: int
    # Awards aimed at: unit awards of completed enrollments, plus program awards.
    awards: int
    facilitators: int
    # Learners per generated cohort (one offering).
    cohort_size: int


SCALES = {
    "small": Scale("small", 200, 600, 1_800, 100, 3, 40),
    "medium": Scale("medium", 10_000, 30_000, 100_000, 5_000, 12, 150),
    "large": Scale("large", 100_000, 300_000, 1_000_000, 50_000, 100, 200),
}
