"""Writing an award's documents under ``MEDIA_ROOT/certificates/<uuid>/``.

Each document has one deterministic name (``certificate.pdf``). It is written to a
temporary file in the same folder and renamed over that name (``os.replace`` is
atomic), so a reader never sees half a PDF and a worker killed mid-render leaves
no second copy beside the one its re-render writes. Leftovers of such a crash
(a whole file, or a temporary one) are cleared before a pending award renders.
"""

import os
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage

from .models import Award, AwardDocument
from .models.awards import document_path

TEMPORARY_PREFIX = ".writing-"


def award_folder(award: Award) -> Path:
    return Path(default_storage.path(document_path(AwardDocument(award=award), "")))


def award_leftovers_remove(award: Award) -> list[str]:
    """Delete the files in a pending award's folder and return their names.

    A pending award has no documents (they commit with the issued status), so
    whatever its folder holds was written by an attempt that did not finish. The
    caller holds the award's row lock: no other attempt writes there meanwhile.
    """
    folder = award_folder(award)
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.iterdir()):
        if path.is_file():
            path.unlink()
            removed.append(path.name)
    return removed


def document_file_write(document: AwardDocument, content: bytes) -> None:
    """Store ``content`` as the document's file under its deterministic name,
    replacing any file of that name, and point ``document.file`` at it."""
    name = document_path(document, document.filename)
    final = Path(default_storage.path(name))
    final.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=final.parent, prefix=TEMPORARY_PREFIX, suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(content)
            output.flush()
            os.fsync(output.fileno())
        mode = default_storage.file_permissions_mode
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, final)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    document.file.name = name
