"""No `assert` for runtime checks in the application (issue 9): `python -O` strips them, so
a check written as an assert silently disappears; the application raises explicit errors."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "backend" / "ecabinet"


def test_the_application_has_no_assert_statements():
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) > 50  # the package was found
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in sources
        for node in ast.walk(ast.parse(path.read_text(), str(path)))
        if isinstance(node, ast.Assert)
    ]
    assert found == []
