"""tools/stdlib_fallback.py: a standard library module left out of the hosted site's smaller zip
is imported from the whole one, downloaded once; nothing else starts a download (run natively,
with a local zip standing in for the download)."""

from __future__ import annotations

import importlib
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import PROJECT_ROOT, module_from_path

fallback = module_from_path("stdlib_fallback", PROJECT_ROOT / "tools" / "stdlib_fallback.py")

#: Module names no real standard library has.
LEFT_OUT = ("kneeload_left_out", "kneeload_left_pkg", "kneeload_left_pkg.part")


@pytest.fixture
def whole(tmp_path: Path) -> Path:
    """A 'whole standard library' holding a module and a package with a submodule."""
    path = tmp_path / "whole.zip"
    with zipfile.ZipFile(path, "w") as zipped:
        zipped.writestr("kneeload_left_out.py", "WHERE = 'whole'\n")
        zipped.writestr("kneeload_left_pkg/__init__.py", "")
        zipped.writestr("kneeload_left_pkg/part.py", "WHERE = 'whole, in a package'\n")
    return path


@pytest.fixture
def downloads(whole: Path, tmp_path: Path) -> Iterator[list[str]]:
    """The finder installed for the test (last on sys.meta_path), with the URLs it downloads."""
    asked: list[str] = []

    def download(url: str) -> bytes:
        asked.append(url)
        return whole.read_bytes()

    finder = fallback.Finder(
        "https://example.org/python_stdlib.zip",
        frozenset(LEFT_OUT),
        download=download,
        whole=str(tmp_path / "kept.zip"),
    )
    sys.meta_path.append(finder)
    try:
        yield asked
    finally:
        sys.meta_path.remove(finder)
        for name in LEFT_OUT:
            sys.modules.pop(name, None)


def test_a_left_out_module_is_imported_from_the_whole_zip_downloaded_once(downloads: list[str]) -> None:
    assert importlib.import_module("kneeload_left_out").WHERE == "whole"
    assert importlib.import_module("kneeload_left_pkg.part").WHERE == "whole, in a package"
    assert downloads == ["https://example.org/python_stdlib.zip"]


def test_a_name_the_standard_library_lacks_downloads_nothing(downloads: list[str]) -> None:
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("kneeload_in_no_standard_library")
    assert downloads == []


def test_a_failed_download_fails_the_import_with_its_reason_and_is_tried_again(tmp_path: Path) -> None:
    def refused(url: str) -> bytes:
        raise ImportError("part of Python's standard library could not be downloaded (HTTP 404).")

    finder = fallback.Finder(
        "https://example.org/x.zip", frozenset(LEFT_OUT), refused, str(tmp_path / "k.zip")
    )
    sys.meta_path.append(finder)
    try:
        for _ in range(2):
            with pytest.raises(ImportError, match=r"could not be downloaded \(HTTP 404\)"):
                importlib.import_module("kneeload_left_out")
    finally:
        sys.meta_path.remove(finder)
    assert not (tmp_path / "k.zip").exists()


def test_install_puts_one_finder_last() -> None:
    before = list(sys.meta_path)
    try:
        fallback.install("https://example.org/python_stdlib.zip")
        fallback.install("https://example.org/python_stdlib.zip")
        added = [finder for finder in sys.meta_path if finder not in before]
        assert len(added) == 1 and sys.meta_path[-1] is added[0]
    finally:
        sys.meta_path[:] = before
