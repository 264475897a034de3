"""Hooks suite fixtures: the site as `make site` builds it, shared with the end-to-end tests."""

from __future__ import annotations

from tests.site_build import built_site

__all__ = ["built_site"]
