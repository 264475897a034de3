"""A downloaded copy joins the page's modules into one (hooks/offline.py, PAGE_MODULES): two modules
that each declare the same top-level name would make that one module a syntax error, and the
calculator would not start from disk. Each top-level name must be declared once across them.
"""

from __future__ import annotations

import re
from collections import Counter

from tests.helpers import PROJECT_ROOT, module_from_path

offline = module_from_path("offline_hook", PROJECT_ROOT / "hooks" / "offline.py")
TOP_LEVEL = re.compile(
    r"^(?:export )?(?:async )?(?:function\*?|const|let|var|class) ([A-Za-z_$][\w$]*)", re.M
)


def test_the_page_modules_declare_each_top_level_name_once() -> None:
    names: Counter[str] = Counter()
    for module in offline.PAGE_MODULES:
        names.update(TOP_LEVEL.findall((PROJECT_ROOT / "docs" / "javascripts" / module).read_text()))
    assert [name for name, count in names.items() if count > 1] == []
