"""The one way an uploaded CSV file becomes text, for every CSV form.

A size cap (checked before reading), UTF-8 with or without a byte-order mark
(Excel's "CSV UTF-8" writes one), and a message naming the line to fix when the
file was saved in another encoding (Excel's plain "CSV" is Windows-1252).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_CSV_BYTES = 1024 * 1024

CSV_TOO_LARGE = _("The file is larger than 1 MB: split it and upload each part.")
CSV_NOT_UTF8 = _(
    "Line %(line)s of the file is not UTF-8 text: save it as “CSV UTF-8” and "
    "upload it again."
)


def csv_upload_text(upload, *, max_bytes: int = MAX_CSV_BYTES) -> str:
    """The text of an uploaded CSV file, or ``ValidationError`` saying what to fix.

    A leading byte-order mark is dropped, so the first column keeps its name.
    """
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(CSV_TOO_LARGE, code="too_large")
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(CSV_TOO_LARGE, code="too_large")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ValidationError(
            CSV_NOT_UTF8, code="not_utf8", params={"line": line}
        ) from error
