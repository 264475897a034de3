"""End-to-end fixtures: serve the site (built once: tests/conftest.py) on 127.0.0.1 (a free port), drive Chromium.

The browser is Debian's Chromium (or CHROMIUM_PATH, or one Playwright already has); every
request the browser makes is recorded, and any that leaves the site's origin is blocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Playwright, Route, expect

from tests.helpers import CHROMIUM_FLAGS, find_chromium, serve_directory
from tests.site_build import built_site

__all__ = ["built_site"]

# Each expectation waits up to 15 s (Playwright's default is 5): `make test` runs two or more
# browsers at once on a machine with few cores, where a start or an answer can take longer. Only
# a failing expectation waits that long; what Python's start waits for has READY_TIMEOUT_MS.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright: Playwright
) -> dict[str, Any]:
    """Launch Debian's Chromium with the brief's flags (Playwright cannot download a browser here)."""
    args = {**browser_type_launch_args, "args": CHROMIUM_FLAGS}
    path = find_chromium()
    if path:
        args["executable_path"] = path
    elif not Path(playwright.chromium.executable_path).exists():
        pytest.fail(
            "No Chromium for the end-to-end tests: install Debian's chromium (`apt-get install "
            "chromium`, as `make test` does when it can) or set CHROMIUM_PATH to a Chromium or Chrome."
        )
    return args


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """Serve the built site on 127.0.0.1, on a free port, for the whole session."""
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture
def requests_seen(context: BrowserContext, base_url: str) -> list[str]:
    """Every URL the pages and their workers request; requests to other origins are blocked."""
    seen: list[str] = []
    context.on("request", lambda request: seen.append(request.url))

    def guard(route: Route) -> None:
        if route.request.url.startswith((base_url, "data:", "blob:")):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    return seen
