"""Build the site once in this process and print, as JSON, how often each shared thing was made.

Run by tests/hooks/test_shared.py in a fresh interpreter (``python tests/hooks/build_counts.py
PROJECT_ROOT SITE_DIR``), so no module or cache from other tests is already warm. It counts, by
wrapping the library calls every hook goes through:

- ``bibliography_parses``: how often docs/bibliography.yml was parsed (``yaml.safe_load`` on its text);
- ``rules_requests``: how often the calculator was asked for its ``rules`` (``calculator.protocol.handle``);
- ``helper_modules``: how many loaded modules come from hooks/shared.py.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any


def main(project_root: Path, site_dir: Path) -> dict[str, int]:
    os.chdir(project_root)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    import yaml

    import calculator.protocol as protocol

    counts = {"bibliography_parses": 0, "rules_requests": 0}
    bibliography_text = (project_root / "docs" / "bibliography.yml").read_text(encoding="utf-8")
    safe_load = yaml.safe_load

    def counting_safe_load(stream: Any) -> Any:
        if stream == bibliography_text:
            counts["bibliography_parses"] += 1
        return safe_load(stream)

    handle, handle_request = protocol.handle, protocol.handle_request
    depth = [0]  # handle may call handle_request: count the outer call only

    def count(request: Any, answer: Any, *args: Any) -> Any:
        if depth[0] == 0 and isinstance(request, dict) and request.get("check") == "rules":
            counts["rules_requests"] += 1
        depth[0] += 1
        try:
            return answer(*args)
        finally:
            depth[0] -= 1

    def counting_handle(text: str) -> str:
        try:
            request = json.loads(text)
        except ValueError:
            request = None
        result: str = count(request, handle, text)
        return result

    def counting_handle_request(request: Any) -> Any:
        return count(request, handle_request, request)

    yaml.safe_load = counting_safe_load
    protocol.handle = counting_handle
    protocol.handle_request = counting_handle_request  # type: ignore[assignment]

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(project_root / "mkdocs.yml"), site_dir=str(site_dir)))
    helper = (project_root / "hooks" / "shared.py").resolve()
    counts["helper_modules"] = sum(
        1
        for module in list(sys.modules.values())
        if getattr(module, "__file__", None) and Path(module.__file__).resolve() == helper
    )
    return counts


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())))
