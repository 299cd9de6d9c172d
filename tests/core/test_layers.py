"""The layers, read from the code: an app imports only from the layers below it,
never from the settings package, and no modules import each other in a circle.

The import statements are read with ``ast`` (every one, those inside functions
too: a lazy import is still an arrow). The README's "Architecture" section draws
the same layers.
"""

import ast
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Lowest first. An app may import the apps of the layers below its own, none of
# its own layer's siblings and none above.
LAYERS: list[set[str]] = [
    {"core"},  # the kernel: Django (and Celery's current app) only
    {"audit"},
    {"accounts"},
    {"programs"},  # the catalogue: no learner in it
    {"enrollments"},  # with its bulk jobs (enrollments.jobs)
    {"reviews"},
    {"certificates"},  # awards
    {"transcripts", "ledger"},  # siblings: neither imports the other
    {"learnerdata"},  # the learner's download of everything, files' retention
    {"reports", "api", "dashboard", "demo"},
]
CONFIG = "credentials_portal"  # settings, urls, the Celery app: imported by no app
APPS = {app for layer in LAYERS for app in layer}
LAYER_OF = {app: number for number, layer in enumerate(LAYERS) for app in layer}
PROJECT = APPS | {CONFIG}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files() -> Iterator[Path]:
    for package in sorted(PROJECT):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


MODULES = {module_name(path): path for path in source_files()}


def imports_of(path: Path) -> set[str]:
    """The project modules ``path`` imports (``from pkg import sub`` names the
    submodule when there is one; relative imports resolved)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                origin = ".".join([*base, *filter(None, [node.module])])
            else:
                origin = node.module or ""
            targets = [
                f"{origin}.{alias.name}"
                if f"{origin}.{alias.name}" in MODULES
                else origin
                for alias in node.names
            ]
        else:
            continue
        found |= {t for t in targets if t.split(".")[0] in PROJECT and t != module}
    return found


GRAPH = {module: imports_of(path) for module, path in MODULES.items()}


def app_of(module: str) -> str:
    return module.split(".")[0]


def test_an_app_imports_only_from_the_layers_below_it():
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if app_of(module) in APPS
        for target in targets
        if app_of(target) != app_of(module)
        and (
            app_of(target) == CONFIG
            or LAYER_OF[app_of(target)] >= LAYER_OF[app_of(module)]
        )
    )

    assert len(GRAPH) > 250  # the whole tree was read
    assert upward == []


def test_the_kernel_imports_no_project_module():
    kernel = {
        module: targets for module, targets in GRAPH.items() if app_of(module) == "core"
    }

    assert "core.enqueue" in kernel
    assert [
        t for targets in kernel.values() for t in targets if app_of(t) != "core"
    ] == []


def test_no_selector_imports_a_service():
    offenders = sorted(
        f"{module} -> {target}"
        for module, targets in GRAPH.items()
        if ".selectors" in f".{module}" or module.endswith("selectors")
        for target in targets
        if "services" in target.split(".")
    )

    assert offenders == []


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while (member := stack.pop()) != node:
                component.append(member)
            component.append(node)
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_each_other_in_a_circle():
    assert cycles(GRAPH) == []


def test_the_circle_finder_finds_a_circle():
    graph = {"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "b": {"a.x"}}

    assert cycles(graph) == [["a.x", "a.y", "a.z"]]
