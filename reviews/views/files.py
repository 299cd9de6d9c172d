"""Uploaded files, served only through a permission check, never by the web server."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from .. import selectors


@login_required
def artifact_file(request, uuid):
    """The file to its learner, the offering's facilitators, admins and (for shared
    requirements) the learners of the same offering; anyone else gets 404."""
    artifact = selectors.artifact_get_for_viewer(user=request.user, uuid=uuid)
    try:
        handle = artifact.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=artifact.file_name or "file",
        content_type=artifact.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
