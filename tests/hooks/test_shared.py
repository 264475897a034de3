"""The hooks share one helper module (hooks/shared.py), and a build makes each shared thing once.

MkDocs loads every hook by its path under a name of its own, so a hook that imported a sibling hook
would run a second copy of it; before hooks/shared.py the bibliography was parsed twice per build
and its loader called from three hooks, and the project root was worked out in four places.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT

HOOKS = PROJECT_ROOT / "hooks"
#: The hooks mkdocs.yml loads (every module in hooks/ but the helper).
HOOK_NAMES = sorted(path.stem for path in HOOKS.glob("*.py") if path.stem != "shared")


def imported_modules(path: Path) -> set[str]:
    """The top-level names of the modules a Python file imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def configured_hooks() -> list[str]:
    """The paths under ``hooks:`` in mkdocs.yml (its other keys need MkDocs's YAML loader)."""
    lines = (PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("hooks:") + 1
    paths = []
    for line in lines[start:]:
        if not line.startswith("  - "):
            break
        paths.append(line.removeprefix("  - ").strip())
    return paths


def test_mkdocs_loads_every_hook_and_not_the_helper() -> None:
    assert sorted(configured_hooks()) == [f"hooks/{name}.py" for name in HOOK_NAMES]


@pytest.mark.parametrize("name", HOOK_NAMES)
def test_no_hook_imports_another_hook(name: str) -> None:
    imports = imported_modules(HOOKS / f"{name}.py")
    assert imports & set(HOOK_NAMES) == set()
    assert "shared" in imports


def test_the_helper_imports_no_hook() -> None:
    assert imported_modules(HOOKS / "shared.py") & set(HOOK_NAMES) == set()


def test_a_build_makes_each_shared_thing_once(tmp_path: Path) -> None:
    """A real build of the whole site (all five hooks), in a fresh interpreter: the helper module
    is loaded once, docs/bibliography.yml parsed once and the calculator asked for its rules once."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("build_counts.py")), str(PROJECT_ROOT), str(tmp_path)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    counts = json.loads(done.stdout.strip().splitlines()[-1])
    assert counts == {"bibliography_parses": 1, "rules_requests": 1, "helper_modules": 1}
