"""A learner downloads everything the portal holds about them, built once by the
worker, for them alone, for a few days."""

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from certificates.services import award_request
from certificates.services.issuance import award_issue
from core.dates import format_date
from core.refusal import Refusal
from learnerdata.export import sections
from learnerdata.export.recertification import NO_LEDGER
from learnerdata.models import DataExport
from learnerdata.services.exports import (
    ALREADY_PREPARING,
    KEEP_DAYS,
    data_export_build,
    data_export_request,
    data_exports_expire,
)
from ledger.models import StateCertificateType
from programs.models import CredentialProgram
from tests.factories import LearnerFactory, PortalAdminFactory
from tests.ledger.conftest import PDF_BYTES, award_with, hold, outside
from tests.ledger.test_pdf import pdf_text

from .worlds import NOT_MET_FEEDBACK, resubmitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(award_catalog, today):
    """A learner who resubmitted, and who holds the CMTE Certificate, issued."""
    story = resubmitted()
    award, _ = award_request(
        learner=story.world.enrollment.learner,
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )
    award_issue(award_id=award.pk)
    return story


def _built(learner, today) -> DataExport:
    export = data_export_request(learner=learner)
    return data_export_build(export_id=export.pk, today=today)


def _archive(export: DataExport) -> zipfile.ZipFile:
    with export.file.open("rb") as handle:
        return zipfile.ZipFile(io.BytesIO(handle.read()))


def _named(archive: zipfile.ZipFile, *, ending: str, within: str = "") -> list[str]:
    return [
        n for n in archive.namelist() if n.endswith(ending) and n.startswith(within)
    ]


def test_the_zip_holds_every_version_feedback_certificate_badge_and_transcript(
    story, today
):
    learner = story.world.enrollment.learner

    export = _built(learner, today)

    archive = _archive(export)
    versions = sorted(_named(archive, ending="version.json"))
    assert [name.rsplit("/", 2)[-2] for name in versions] == ["version-1", "version-2"]
    first = json.loads(archive.read(versions[0]))
    second = json.loads(archive.read(versions[1]))
    assert first["review"]["decision"] == "Not Met"
    assert first["review"]["feedback"] == NOT_MET_FEEDBACK
    assert second["review"]["decision"] == "Met"
    assert [a["file_name"] for a in second["artifacts"]] == [
        "lesson-plan.pdf",
        "student-work.pdf",
    ]
    assert len(_named(archive, ending=".pdf", within="submissions/")) == 3
    certificate = _named(archive, ending="certificate.pdf", within="certificates/")
    assert archive.read(certificate[0]).startswith(b"%PDF")
    badge = json.loads(archive.read(_named(archive, ending=".json", within="open-")[0]))
    assert "OpenBadgeCredential" in badge["type"]
    assert _named(archive, ending=".jwt", within="open-badges/")
    transcript = json.loads(archive.read("transcript/transcript.json"))
    assert len(transcript["entries"]) == 1
    assert archive.read("transcript/transcript.pdf").startswith(b"%PDF")
    readme = archive.read("README.txt").decode()
    assert all(name in readme for name in archive.namelist() if name != "README.txt")
    written = len(archive.namelist()) - 1  # README.txt is the index
    assert (export.status, export.done, export.total) == ("ready", written, written)
    assert export.expires_on == today + dt.timedelta(days=KEEP_DAYS)


def test_the_learner_downloads_it_and_another_learner_gets_404(story, today, client):
    export = _built(story.world.enrollment.learner, today)
    url = reverse("learnerdata:download", kwargs={"public_id": export.public_id})

    client.force_login(LearnerFactory())
    stranger = client.get(url)
    client.force_login(story.world.enrollment.learner)
    owner = client.get(url)

    assert stranger.status_code == 404
    assert owner.status_code == 200
    assert owner["Content-Type"] == "application/zip"
    assert b"".join(owner.streaming_content).startswith(b"PK")


def test_a_redelivered_task_builds_once(story, today, monkeypatch):
    builds = []
    build = sections.export_sections
    monkeypatch.setattr(
        sections,
        "export_sections",
        lambda **kwargs: builds.append(1) or build(**kwargs),
    )
    export = data_export_request(learner=story.world.enrollment.learner)

    first = data_export_build(export_id=export.pk, today=today)
    again = data_export_build(export_id=export.pk, today=today)

    assert builds == [1]
    assert (first.status, again.status) == ("ready", "ready")
    assert again.attempts == 1
    assert again.file.name == first.file.name


def test_a_delivery_finding_it_claimed_by_a_running_worker_builds_nothing(
    story, today, now
):
    export = data_export_request(learner=story.world.enrollment.learner)
    DataExport.objects.filter(pk=export.pk).update(status="running", claimed_at=now)

    result = data_export_build(export_id=export.pk, today=today)

    assert (result.status, result.attempts, result.file.name) == ("running", 0, "")


def test_a_second_request_while_one_is_running_is_refused_clearly(story, client):
    learner = story.world.enrollment.learner
    data_export_request(learner=learner)

    with pytest.raises(Refusal) as refused:
        data_export_request(learner=learner)
    client.force_login(learner)
    page = client.post(reverse("learnerdata:request"), follow=True)

    assert refused.value.message == ALREADY_PREPARING
    assert str(ALREADY_PREPARING) in page.content.decode()
    assert DataExport.objects.filter(learner=learner).count() == 1


def test_the_page_shows_the_progress_then_the_link(story, today, client):
    learner = story.world.enrollment.learner
    client.force_login(learner)
    export = data_export_request(learner=learner)

    waiting = client.get(reverse("learnerdata:mine")).content.decode()
    data_export_build(export_id=export.pk, today=today)
    ready = client.get(reverse("learnerdata:mine")).content.decode()

    assert "Waiting for the worker" in waiting
    assert 'http-equiv="refresh"' in waiting
    assert export.get_absolute_url() in ready
    assert 'http-equiv="refresh"' not in ready


def test_the_file_is_deleted_after_its_last_day(story, today, client):
    learner = story.world.enrollment.learner
    export = _built(learner, today)
    name = export.file.name

    kept = data_exports_expire(today=export.expires_on)
    deleted = data_exports_expire(today=export.expires_on + dt.timedelta(days=1))

    export.refresh_from_db()
    client.force_login(learner)
    assert (kept, deleted) == (0, 1)
    assert export.status == "expired"
    assert not export.file.storage.exists(name)
    assert client.get(export.get_absolute_url()).status_code == 404


def test_the_learner_is_emailed_when_it_is_ready(
    story, today, mailoutbox, django_capture_on_commit_callbacks
):
    export = data_export_request(learner=story.world.enrollment.learner)

    with django_capture_on_commit_callbacks(execute=True):
        data_export_build(export_id=export.pk, today=today)

    assert [m.subject for m in mailoutbox] == ["Your data is ready to download"]
    assert export.get_absolute_url() in mailoutbox[0].body


@pytest.fixture
def ledger_keeper(today):
    """A learner holding a state certificate (6 credits in 5 years) with an award
    worth 1 credit, a verified outside credit worth 2 and one of 1 not verified."""
    learner = LearnerFactory()
    kind = StateCertificateType.objects.create(
        state="MD",
        name="Professional Certificate",
        credits_needed=Decimal(6),
        window_years=5,
        cpd_credits_per_credit=Decimal(1),
    )
    hold(learner, kind, today + dt.timedelta(days=900))
    award_with(learner, earned_on=today - dt.timedelta(days=300), cpd_credits=1)
    outside(
        learner,
        earned_on=today - dt.timedelta(days=100),
        amount=Decimal(2),
        verified_by=PortalAdminFactory(),
    )
    outside(learner, earned_on=today - dt.timedelta(days=50), amount=1)
    return learner


def test_the_zip_holds_the_ledger_as_json_and_pdf_with_the_evidence(
    ledger_keeper, today
):
    archive = _archive(_built(ledger_keeper, today))

    ledger = json.loads(archive.read("ledger/ledger.json"))
    (line,) = ledger["certificates"]
    expiry = today + dt.timedelta(days=900)
    assert (line["number"], line["expires_on"]) == ("MD-123456", expiry.isoformat())
    assert (line["credits_held"], line["credits_needed"]) == ("3", "6")
    assert line["statement"] == f"3 of 6 credits, renewal due {format_date(expiry)}"
    (here,) = line["earned_here"]
    assert here["credits"] == "1"
    assert here["verification_url"].startswith("http")
    assert [(e["credits"], e["counted"]) for e in line["earned_elsewhere"]] == [
        ("2", True),
        ("1", False),
    ]
    entries = ledger["credits_earned_elsewhere"]
    assert [e["verification"] for e in entries] == [
        "verified",
        "awaiting verification (counts toward nothing until verified)",
    ]
    assert all(archive.read(e["evidence"]) == PDF_BYTES for e in entries)
    assert "3 of 6 credits, renewal due" in pdf_text(archive.read("ledger/ledger.pdf"))
    assert "ledger/ledger.pdf" in archive.read("README.txt").decode()


def test_a_learner_without_a_ledger_gets_no_ledger_files(story, today):
    archive = _archive(_built(story.world.enrollment.learner, today))

    assert not _named(archive, ending="", within="ledger/")
    assert NO_LEDGER in archive.read("README.txt").decode()
