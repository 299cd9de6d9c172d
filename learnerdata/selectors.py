"""Reads of learners' data: their downloads, and what the retention policies
delete next (the preview and the run read the same function, so the preview is
exactly what the run deletes on that day)."""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.http import Http404

from certificates.selectors.openbadges import shared_evidence_versions
from enrollments.models import Enrollment
from programs.models import Offering, Provider
from reviews.models import Artifact
from reviews.retention import files_deleted_on, notice_due, warning_due

from .models import DataExport


def data_exports_for(*, learner, limit: int = 5) -> list[DataExport]:
    return list(DataExport.objects.filter(learner=learner)[:limit])


def data_export_get_for_owner(*, user, public_id) -> DataExport:
    """The learner's own ready download; anyone else's (or an expired one) 404."""
    export = DataExport.objects.filter(
        public_id=public_id, learner_id=user.pk, status=DataExport.Status.READY
    ).first()
    if export is None:
        raise Http404
    return export


@dataclass(frozen=True)
class DueRun:
    """A run whose files are due for deletion, and the day they are due."""

    provider: Provider
    offering: Offering
    deletion_day: dt.date


@dataclass
class DueFiles:
    run: DueRun
    # The artifacts (rows) whose stored file is deleted, and those files' names.
    artifacts: list[Artifact] = field(default_factory=list)

    @property
    def file_names(self) -> list[str]:
        return sorted({artifact.file.name for artifact in self.artifacts})


def _runs_with_policy(*, on_or_before: dt.date) -> dict[int, DueRun]:
    """Every run of a provider with a policy whose files are deleted by the day,
    by offering id."""
    offerings = Offering.objects.filter(
        unit__provider__artifact_retention_months__isnull=False,
        end_date__isnull=False,
        end_date__lte=on_or_before,
    ).select_related("unit__provider")
    runs = {}
    for offering in offerings:
        provider = offering.unit.provider
        day = files_deleted_on(
            run_ends=offering.end_date, months=provider.artifact_retention_months
        )
        if day is not None and day <= on_or_before:
            runs[offering.pk] = DueRun(provider, offering, day)
    return runs


def _stored_files():
    return Artifact.objects.exclude(file="").filter(file_deleted_at__isnull=True)


def retention_due(*, today: dt.date) -> list[DueFiles]:
    """What a retention run on ``today`` deletes, per run, oldest run first.

    A stored file is deleted only when every artifact naming it is due (a
    revision shares its file with the version before) and none is evidence of an
    award its learner chose to share.
    """
    runs = _runs_with_policy(on_or_before=today)
    candidates = list(
        _stored_files()
        .filter(version__submission__enrollment__offering_id__in=runs)
        .select_related(
            "version__submission__enrollment__learner",
            "version__submission__requirement",
        )
        .order_by("pk")
    )
    names = {artifact.file.name for artifact in candidates}
    kept = set(
        _stored_files()
        .filter(file__in=names)
        .exclude(version__submission__enrollment__offering_id__in=runs)
        .values_list("file", flat=True)
    ) | set(
        _stored_files()
        .filter(file__in=names, version__in=shared_evidence_versions())
        .values_list("file", flat=True)
    )
    due: dict[int, DueFiles] = {}
    for artifact in candidates:
        if artifact.file.name in kept:
            continue
        offering_id = artifact.version.submission.enrollment.offering_id
        due.setdefault(offering_id, DueFiles(runs[offering_id])).artifacts.append(
            artifact
        )
    return sorted(due.values(), key=lambda d: (d.run.deletion_day, d.run.offering.pk))


@dataclass(frozen=True)
class RetentionWarning:
    enrollment: Enrollment
    deletion_day: dt.date


def _enrollments_with_files(**filters):
    with_files = _stored_files().values("version__submission__enrollment_id")
    return (
        Enrollment.objects.filter(
            pk__in=with_files,
            offering__end_date__isnull=False,
            offering__unit__provider__artifact_retention_months__isnull=False,
            **filters,
        )
        .select_related("offering__unit__provider", "learner")
        .order_by("offering__end_date", "pk")
    )


def _deletion_day(enrollment: Enrollment) -> dt.date | None:
    offering = enrollment.offering
    return files_deleted_on(
        run_ends=offering.end_date,
        months=offering.unit.provider.artifact_retention_months,
    )


def retention_warnings(
    *, learner, today: dt.date, enrollments: Iterable[Enrollment] | None = None
) -> list[RetentionWarning]:
    """The learner's runs whose files are deleted within the warning window.

    ``enrollments``: the learner's, already read with their offering's unit and
    provider (a page's): only the runs whose deletion day is near are asked
    whether they keep files, in one query, none when no run is near."""
    if enrollments is None:
        rows = _enrollments_with_files(learner=learner)
    else:
        near = [e for e in enrollments if _warning_day(e, today) is not None]
        with_files = set(
            _stored_files()
            .filter(version__submission__enrollment__in=near)
            .values_list("version__submission__enrollment_id", flat=True)
            if near
            else ()
        )
        rows = sorted(
            (e for e in near if e.pk in with_files),
            key=lambda e: (e.offering.end_date, e.pk),
        )
    warnings = []
    for enrollment in rows:
        day = _warning_day(enrollment, today)
        if day is not None:
            warnings.append(RetentionWarning(enrollment, day))
    return warnings


def _warning_day(enrollment: Enrollment, today: dt.date) -> dt.date | None:
    """The day the run's files are deleted, when the warning is due today."""
    day = _deletion_day(enrollment)
    if day is not None and warning_due(deletion_day=day, today=today):
        return day
    return None


def retention_notices_due(*, today: dt.date) -> list[RetentionWarning]:
    """Every enrollment whose learner is to be emailed today (before the claim:
    the notice already sent is filtered by the service's claim)."""
    due = []
    for enrollment in _enrollments_with_files():
        day = _deletion_day(enrollment)
        if day is not None and notice_due(deletion_day=day, today=today):
            due.append(RetentionWarning(enrollment, day))
    return due


def retention_preview_rows(*, today: dt.date) -> list[dict]:
    """The preview as the admin page lists it: per provider and run, the count
    and the files (learner, requirement, file name)."""
    rows = []
    for group in retention_due(today=today):
        files = defaultdict(list)
        for artifact in group.artifacts:
            files[artifact.file.name].append(artifact)
        rows.append(
            {
                "provider": group.run.provider,
                "offering": group.run.offering,
                "deletion_day": group.run.deletion_day,
                "count": len(files),
                "files": [artifacts[0] for artifacts in files.values()],
            }
        )
    return rows
