"""WeasyPrint renders awards with a fetcher that loads nothing remote or private."""

import base64
import http.server
import io
import threading

import pytest
from pypdf import PdfReader

from certificates.pdf_fetcher import PortalURLFetcher
from certificates.rendering import render_pdf
from tests.reviews.scenarios import PNG_BYTES


@pytest.fixture
def static_root(settings, tmp_path):
    root = tmp_path / "static"
    (root / "img").mkdir(parents=True)
    (root / "img" / "seal.png").write_bytes(PNG_BYTES)
    (tmp_path / "private.png").write_bytes(PNG_BYTES)
    settings.STATICFILES_DIRS = [root]
    return root


@pytest.fixture
def web_server():
    """A local HTTP server that records every path asked of it."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG_BYTES)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", asked
    server.shutdown()
    server.server_close()


def images_in(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def page_with(src: str) -> str:
    return f'<html><body><p>Certificate</p><img src="{src}" alt=""></body></html>'


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://example.org/logo.png",
        "ftp://example.org/logo.png",
        "file:///etc/passwd",
        "file://fileserver/share/logo.png",
    ],
)
def test_remote_and_private_urls_are_refused(static_root, url):
    fetcher = PortalURLFetcher(roots=[static_root])

    with pytest.raises(ValueError, match="only data: URLs and static files"):
        fetcher.fetch(url)


def test_a_path_that_climbs_out_of_the_static_root_is_refused(static_root):
    fetcher = PortalURLFetcher(roots=[static_root])
    url = f"file://{static_root}/img/../../private.png"

    with pytest.raises(ValueError, match="only data: URLs and static files"):
        fetcher.fetch(url)


def test_static_files_and_data_urls_are_loaded(static_root):
    fetcher = PortalURLFetcher(roots=[static_root])
    data_url = "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()

    static = fetcher.fetch(f"file://{static_root}/img/seal.png")
    inline = fetcher.fetch(data_url)

    assert static.read() == PNG_BYTES
    assert inline.read() == PNG_BYTES
    static.close()


def test_a_rendered_document_never_asks_a_remote_server(static_root, web_server):
    base, asked = web_server

    pdf = render_pdf(page_with(f"{base}/tracker.png"))

    assert asked == []
    assert images_in(pdf) == 0


def test_a_rendered_document_leaves_out_a_local_file_outside_static(static_root):
    private = static_root.parent / "private.png"

    refused = render_pdf(page_with(f"file://{private}"))
    relative = render_pdf(page_with("../private.png"))
    allowed = render_pdf(page_with(f"file://{static_root}/img/seal.png"))

    assert images_in(refused) == 0
    assert images_in(relative) == 0
    assert images_in(allowed) == 1
