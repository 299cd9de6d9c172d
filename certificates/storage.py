"""Writing an award's documents under ``certificates/<uuid>/`` in the default storage.

Each document has one deterministic name (``certificate.pdf``), so an award has
exactly its documents whatever the storage:

- on the filesystem, the document is written to a temporary file in the same
  folder and renamed over that name (``os.replace`` is atomic): a reader never sees
  half a PDF, and a worker killed mid-render leaves no second copy beside the one
  its re-render writes;
- on object storage (S3, django-storages), a PUT of the final key is atomic and
  overwrites it (``file_overwrite``), so the key is written directly.

An award's documents are written before its row is locked to record them;
leftovers of a crash (a whole file, or a temporary one) are overwritten or
cleared by the next attempt, under that lock. Everything goes through Django's
storage API, so the same code serves both.
"""

import io
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Set
from functools import partial
from pathlib import Path
from typing import IO, Any

from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction

from .models import Award, AwardDocument
from .models.awards import document_path

TEMPORARY_PREFIX = ".writing-"


def award_folder_name(award: Award) -> str:
    return document_path(AwardDocument(award=award), "").rstrip("/")


def award_leftovers_remove(award: Award, *, keep: Set[str] = frozenset()) -> list[str]:
    """Delete the files in a pending award's folder but ``keep`` (full names)
    and return the names of those deleted.

    A pending award has no documents (they commit with the issued status), so
    whatever its folder holds was written by an attempt that did not finish (a
    temporary file of a killed worker). The caller holds the award's row lock.
    """
    folder = award_folder_name(award)
    try:
        _, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    removed = sorted(name for name in files if f"{folder}/{name}" not in keep)
    for name in removed:
        default_storage.delete(f"{folder}/{name}")
    return removed


def award_files_unrecorded_remove(award_id: int, names: Set[str]) -> None:
    """Delete those of ``names`` (files an issue attempt wrote) that no document
    of the award records: the award was issued by another delivery, or is no
    longer to be issued. The caller holds the award's row lock."""
    recorded = set(
        AwardDocument.objects.filter(award_id=award_id).values_list("file", flat=True)
    )
    for name in sorted(names - recorded):
        default_storage.delete(name)


def document_file_write(document: AwardDocument, content: bytes) -> None:
    """Store ``content`` as the document's file under its deterministic name,
    replacing any file of that name, and point ``document.file`` at it."""
    name = document_path(document, document.filename)
    stored_file_replace(name, content)
    document.file.name = name


def stored_file_replace(name: str, content: bytes) -> None:
    """Store ``content`` under ``name`` in the default storage, atomically
    replacing any file of that name."""
    stored_stream_replace(name, io.BytesIO(content))


def stored_stream_replace(name: str, stream: IO[bytes]) -> None:
    """``stored_file_replace`` from an open binary file, copied in chunks (a bulk
    job's ZIP, too large to hold in memory)."""
    stream.seek(0)
    try:
        final = Path(default_storage.path(name))
    except NotImplementedError:
        _object_write(name, stream)
    else:
        _file_replace(final, stream)


def _object_write(name: str, stream: IO[bytes]) -> None:
    saved = default_storage.save(name, File(stream))
    if saved != name:
        # The storage made up another name instead of overwriting: the award would
        # hold two files. Object storage must be configured with file_overwrite.
        default_storage.delete(saved)
        raise OSError(f"The storage stored {name} as {saved}; it must overwrite.")


def _file_replace(final: Path, stream: IO[bytes]) -> None:
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=final.parent, prefix=TEMPORARY_PREFIX, suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as output:
            shutil.copyfileobj(stream, output)
            output.flush()
            os.fsync(output.fileno())
        mode = default_storage.file_permissions_mode
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def learner_pdf_store(
    document, *, path: Callable[[Any, str], str], prefix: str, content: bytes
) -> None:
    """Store a learner's one current PDF (a transcript, a ledger) under a fresh
    name in its folder, point ``document.file`` at it and save the document (the
    caller set its other fields and holds its row's lock). The folder's other
    files are deleted after commit, so a reader never finds the row naming a
    missing file; the new file is deleted again if the save fails."""
    stored = default_storage.save(
        path(document, f"{prefix}-{secrets.token_hex(8)}.pdf"), ContentFile(content)
    )
    transaction.on_commit(partial(_folder_prune, document, path=path, keep=stored))
    try:
        document.file.name = stored
        document.size_bytes = len(content)
        document.full_clean()
        document.save()
    except Exception:
        default_storage.delete(stored)
        raise


def _folder_prune(document, *, path: Callable[[Any, str], str], keep: str) -> None:
    """Delete the folder's files but ``keep`` (the former PDF, leftovers)."""
    _, files = default_storage.listdir(path(document, ""))
    for filename in files:
        name = path(document, filename)
        if name != keep:
            default_storage.delete(name)
