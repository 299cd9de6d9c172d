"""``scripts/restore_drill.py`` against a small database with uploads and a
certificate: it passes on a faithful restore and names what a bad one lost."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import environ
import psycopg
import pytest
from django.conf import settings as django_settings

from certificates.services import award_request
from certificates.services.issuance import award_issue
from programs.models import CredentialProgram
from reviews.models import Artifact
from tests.certificates import worker
from tests.factories import LearnerFactory
from tests.reviews.scenarios import add_artifacts, iste_portfolio

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("pg_dump", "pg_restore")),
        reason="the restore drill needs pg_dump and pg_restore (postgresql-client)",
    ),
]
SCRIPT = Path(django_settings.BASE_DIR) / "scripts" / "restore_drill.py"


def drill_target() -> str:
    """Named after the configured database (not the test one), so the drill only
    creates a database of this checkout's own name."""
    name = environ.Env.db_url_config(os.environ["DATABASE_URL"])["NAME"]
    return f"{name}_restore_drill"


def run_drill(
    media_root: Path, *arguments: str, target: str = ""
) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our interpreter and script
        [
            *(sys.executable, str(SCRIPT)),
            *("--target-db", target or drill_target(), *arguments),
        ],
        env={
            **os.environ,
            "DATABASE_URL": worker.test_database_url(),
            "MEDIA_ROOT": str(media_root),
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def small_portal(award_catalog, settings, today):
    """Two uploaded files and an issued certificate, committed."""
    world = iste_portfolio()
    add_artifacts(world, 2)
    award, _ = award_request(
        learner=LearnerFactory(),
        program=CredentialProgram.objects.get(slug="cmte"),
        earned_on=today,
    )
    document = award_issue(award_id=award.pk).documents.get()
    files = [a.file.name for a in Artifact.objects.all()] + [document.file.name]
    assert all((settings.MEDIA_ROOT / name).is_file() for name in files)
    return files


def test_the_restore_drill_passes_on_a_faithful_restore(small_portal, settings):
    result = run_drill(settings.MEDIA_ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "RESTORE DRILL PASSED" in result.stdout
    assert f"{len(small_portal)} files compared (SHA-256)" in result.stdout
    assert "DIFFERENT" not in result.stdout
    # without a restored copy of the files, it says what the file check proves
    assert (
        "files: checked against the live storage; pass --restored-media DIR to "
        "check a restored backup"
    ) in result.stdout


def test_the_restore_drill_fails_on_a_missing_or_altered_file(
    small_portal, settings, tmp_path
):
    # given a restored copy of the files that lost one and altered another
    restored = tmp_path / "restored-media"
    shutil.copytree(settings.MEDIA_ROOT, restored)
    missing, altered = small_portal[0], small_portal[-1]
    (restored / missing).unlink()
    with (restored / altered).open("ab") as handle:
        handle.write(b"\n% one more line")

    # when the drill compares against that copy
    result = run_drill(settings.MEDIA_ROOT, "--restored-media", str(restored))

    # then it fails and names both
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"DIFFERENT: {missing} is missing from the restored files" in result.stdout
    assert f"DIFFERENT: {altered}: checksum" in result.stdout
    assert "RESTORE DRILL FAILED: 2 differences" in result.stdout


@pytest.fixture
def other_database():
    """An existing database not named as a drill's (of this checkout's name)."""
    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    name = f"{config['NAME']}_not_a_drill"
    with psycopg.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
        autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
        yield name, connection
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_the_drill_refuses_to_drop_an_existing_database_not_named_as_a_drill(
    db, other_database, settings
):
    name, connection = other_database

    result = run_drill(settings.MEDIA_ROOT, target=name)

    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        f"The database {name} exists and the drill would drop it: name a target "
        f"ending in _restore_drill, or pass --force to drop {name}."
    ) in result.stderr
    assert "Restore drill:" not in result.stdout
    assert connection.execute(
        "SELECT 1 FROM pg_database WHERE datname = %s", [name]
    ).fetchone()
