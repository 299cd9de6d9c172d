from pathlib import Path

import pytest

AXE_PATH = (
    Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def assert_accessible(page):
    """Run axe-core in the page and fail on any WCAG 2.2 A/AA violation, or on
    anything the Content-Security-Policy blocked since the page opened.

    axe is evaluated through the DevTools protocol (which the page's CSP does not
    govern), not added as a ``<script>``, which the CSP would rightly refuse.
    """
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )

    def check(context: str = "") -> None:
        assert blocked == [], f"CSP blocked on {context or page.url}: {blocked}"
        page.evaluate(AXE_PATH.read_text())
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            WCAG_TAGS,
        )
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. "
            f"{v['nodes'][0]['target']})"
            for v in result["violations"]
        ]
        assert violations == [], f"axe-core on {context or page.url}: {violations}"

    return check
