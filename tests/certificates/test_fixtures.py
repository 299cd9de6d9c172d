"""A fixture the certificates tests share lives once, in ``conftest.py``."""

import ast
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent


def fixtures_of(path: Path) -> dict[str, str]:
    """Each fixture a module defines: its name and its body as an AST dump."""
    found = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.FunctionDef) and any(
            "fixture" in ast.unparse(decorator) for decorator in node.decorator_list
        ):
            body = ast.Module(body=node.body, type_ignores=[])
            found[node.name] = ast.dump(ast.Module(body=[body], type_ignores=[]))
    return found


def test_no_fixture_is_repeated_across_test_modules():
    defined: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in sorted(HERE.glob("*.py")):
        for name, body in fixtures_of(path).items():
            defined[name, body].append(path.name)

    repeated = {name: files for (name, _), files in defined.items() if len(files) > 1}

    assert "catalog" in fixtures_of(HERE / "conftest.py")  # the walk reads fixtures
    assert repeated == {}
