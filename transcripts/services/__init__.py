"""Writes of transcripts from the web side: share links and PDF requests.

Rendering lives in ``transcripts.services.rendering`` (worker only: it imports
WeasyPrint); a request is written here and its task sent by name on commit.
"""

from .pdf import transcript_pdf_request
from .shares import transcript_share_create, transcript_share_revoke

__all__ = [
    "transcript_pdf_request",
    "transcript_share_create",
    "transcript_share_revoke",
]
