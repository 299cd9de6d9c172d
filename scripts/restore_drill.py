"""Restore drill: prove that a backup of the portal can be restored.

    .venv/bin/python scripts/restore_drill.py [--target-db NAME] [--restored-media DIR]
                                              [--keep] [--force]

Reads the configured database (``DATABASE_URL``, PostgreSQL) and storage
(``MEDIA_ROOT`` or the S3 bucket, as the portal does), then:

1. opens a read-only snapshot of the database and ``pg_dump``s exactly that
   snapshot (so a live portal can keep writing), counting every table's rows and
   reading every stored file's name in the same snapshot;
2. creates a fresh database (``--target-db``, default ``<name>_restore_drill``;
   an existing one of that name is dropped first) and ``pg_restore``s into it;
   an existing database whose name does not end in ``_restore_drill`` is
   refused (it would be dropped) unless ``--force`` is given;
3. runs ``manage.py migrate`` against the restored database;
4. compares the row counts of every table and the SHA-256 of every file the
   database refers to: the source's files in the configured storage, the
   restored database's files in the same storage (which proves only that the
   live files are readable, and says so) or, with ``--restored-media``, in a
   directory the files' backup was restored to;
5. prints each difference and ``RESTORE DRILL PASSED`` (exit 0) or
   ``RESTORE DRILL FAILED`` (exit 1); drops the restored database unless ``--keep``.

Needs the PostgreSQL client tools ``pg_dump`` and ``pg_restore`` (Debian:
``postgresql-client``) of the server's major version or newer, and a role that may
create databases.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ("pg_dump", "pg_restore")
DRILL_SUFFIX = "_restore_drill"
LIVE_FILES_NOTE = (
    "files: checked against the live storage; pass --restored-media DIR to check "
    "a restored backup"
)


def say(text: str) -> None:
    """One line of the drill's report on stdout (a script's output, not a log)."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


@dataclass
class Snapshot:
    """What one database holds: rows per table, and the files it refers to."""

    rows: dict[str, int]
    files: set[str]


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)
    tables: int = 0
    rows: int = 0
    files: int = 0

    def fail(self, message: str) -> None:
        self.problems.append(message)
        say(f"  DIFFERENT: {message}")


def django_setup() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "credentials_portal.settings")
    import django

    django.setup()


def database_settings() -> dict:
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        sys.exit("The restore drill needs PostgreSQL: set DATABASE_URL=postgres://...")
    return database


def connect(database: dict, name: str, **options) -> psycopg.Connection:
    return psycopg.connect(
        dbname=name,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        **options,
    )


def client_environment(database: dict) -> dict[str, str]:
    env = dict(os.environ)
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")]:
        if database[key]:
            env[variable] = str(database[key])
    if database["PASSWORD"]:
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


def database_url(database: dict, name: str) -> str:
    credentials = quote(database["USER"] or "", safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host = database["HOST"] or "localhost"
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{credentials}@{host}{port}/{quote(name, safe='')}"


def file_columns() -> list[tuple[str, str]]:
    """(table, column) of every FileField of the portal's models."""
    from django.apps import apps
    from django.db import models

    return sorted(
        (model._meta.db_table, each.column)
        for model in apps.get_models()
        for each in model._meta.concrete_fields
        if isinstance(each, models.FileField)
    )


def snapshot_read(connection: psycopg.Connection) -> Snapshot:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
        tables = sorted(row[0] for row in cursor.fetchall())
        rows = {}
        for table in tables:
            cursor.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            )
            rows[table] = cursor.fetchone()[0]
        files = set()
        for table, column in file_columns():
            if table not in rows:
                continue
            cursor.execute(
                sql.SQL("SELECT {col} FROM {table} WHERE {col} <> ''").format(
                    col=sql.Identifier(column), table=sql.Identifier(table)
                )
            )
            files.update(row[0] for row in cursor.fetchall())
    return Snapshot(rows=rows, files=files)


def dump_source(database: dict, dump: Path) -> Snapshot:
    """Dump the database as it stands in one snapshot, read in that snapshot."""
    with connect(database, database["NAME"]) as connection:
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        snapshot_id = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        subprocess.run(  # noqa: S603 - the PostgreSQL client, our arguments
            [
                *("pg_dump", "--format=custom", f"--snapshot={snapshot_id}"),
                *("--no-owner", "--file", str(dump), database["NAME"]),
            ],
            env=client_environment(database),
            check=True,
        )
        return snapshot_read(connection)


def target_refusal(database: dict, target: str, *, force: bool) -> str | None:
    """Why ``target`` may not be restored into, or None. The drill drops it
    first: the source never, and an existing database not named as a drill's
    only when ``--force`` says the operator means it."""
    if target == database["NAME"]:
        return "The target database must not be the source."
    if force or target.endswith(DRILL_SUFFIX):
        return None
    with connect(database, "postgres") as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [target]
        ).fetchone()
    if exists is None:
        return None
    return (
        f"The database {target} exists and the drill would drop it: name a "
        f"target ending in {DRILL_SUFFIX}, or pass --force to drop {target}."
    )


def database_recreate(database: dict, name: str, *, create: bool = True) -> None:
    with connect(database, "postgres", autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name))
        )
        if create:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )


def restore(database: dict, dump: Path, target: str) -> None:
    subprocess.run(  # noqa: S603 - the PostgreSQL client, our arguments
        [
            *("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error"),
            *("--dbname", target, str(dump)),
        ],
        env=client_environment(database),
        check=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "1"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url(database, target)},
        check=True,
    )


def checksum(storage, name: str) -> str | None:
    """SHA-256 of a stored file, or None when the storage cannot give it."""
    digest = hashlib.sha256()
    try:
        with storage.open(name, "rb") as handle:
            for chunk in iter(lambda: handle.read(1024 * 1024), b""):
                digest.update(chunk)
    except Exception as error:  # a missing file, or an object store's own errors
        say(f"  cannot read {name}: {type(error).__name__}: {error}")
        return None
    return digest.hexdigest()


def compare(source: Snapshot, restored: Snapshot, restored_storage) -> Report:
    from django.core.files.storage import default_storage

    report = Report()
    say("Row counts:")
    for table in sorted(source.rows.keys() | restored.rows.keys()):
        before, after = source.rows.get(table), restored.rows.get(table)
        if before != after:
            report.fail(f"table {table}: {before} rows in the source, {after} restored")
    report.tables, report.rows = len(source.rows), sum(source.rows.values())
    say(f"  {report.tables} tables, {report.rows} rows compared")
    say("Files:")
    for name in sorted(source.files - restored.files):
        report.fail(f"{name} is referred to by the source only")
    for name in sorted(restored.files - source.files):
        report.fail(f"{name} is referred to by the restored database only")
    for name in sorted(source.files & restored.files):
        before = checksum(default_storage, name)
        after = checksum(restored_storage, name)
        if before is None:
            report.fail(f"{name} is missing from the source storage")
        elif after is None:
            report.fail(f"{name} is missing from the restored files")
        elif before != after:
            report.fail(f"{name}: checksum {before[:12]} in the source, {after[:12]}")
    report.files = len(source.files)
    say(f"  {report.files} files compared (SHA-256)")
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target-db", help="the database to restore into")
    parser.add_argument(
        "--restored-media",
        type=Path,
        help="a directory the files' backup was restored to (default: compare the "
        "restored database against the configured storage)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the restored db")
    parser.add_argument(
        "--force",
        action="store_true",
        help=f"drop an existing --target-db even if its name does not end in "
        f"{DRILL_SUFFIX}",
    )
    args = parser.parse_args()

    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        sys.exit(
            f"The restore drill needs {', '.join(missing)}: install the PostgreSQL "
            "client tools (Debian: apt-get install postgresql-client)."
        )
    django_setup()
    from django.core.files.storage import FileSystemStorage, default_storage

    database = database_settings()
    target = args.target_db or f"{database['NAME']}_restore_drill"
    if refusal := target_refusal(database, target, force=args.force):
        sys.exit(refusal)
    restored_storage = (
        FileSystemStorage(location=args.restored_media)
        if args.restored_media
        else default_storage
    )
    say(f"Restore drill: {database['NAME']} -> {target}")
    with tempfile.TemporaryDirectory(prefix="restore-drill-") as work:
        dump = Path(work) / "portal.dump"
        source = dump_source(database, dump)
        say(f"Dumped {dump.stat().st_size} bytes; restoring and migrating")
        database_recreate(database, target)
        try:
            restore(database, dump, target)
            with connect(database, target) as connection:
                restored = snapshot_read(connection)
            report = compare(source, restored, restored_storage)
        finally:
            if not args.keep:
                database_recreate(database, target, create=False)
    if args.restored_media is None:
        say(LIVE_FILES_NOTE)
    if report.problems:
        say(f"RESTORE DRILL FAILED: {len(report.problems)} differences")
        return 1
    say(
        f"RESTORE DRILL PASSED: {report.tables} tables, {report.rows} rows and "
        f"{report.files} files restored identically"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
