"""hooks/compress.py: each sibling holds exactly its file's bytes, and only what compresses gets one."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from tests.helpers import hook_module

compress = hook_module("compress")


def test_siblings_decompress_to_the_file_and_skip_what_is_compressed_already(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pyodide" / "abc").mkdir(parents=True)
    wasm = bytes(range(256)) * 64  # repetitive, like Pyodide's wasm: it compresses
    (site / "pyodide" / "abc" / "pyodide.asm.wasm").write_bytes(wasm)
    (site / "index.html").write_text("<p>Knee</p>\n" * 300, encoding="utf-8")
    (site / "tiny.js").write_text("1;", encoding="utf-8")
    (site / "copy.zip").write_bytes(gzip.compress(wasm))
    assert compress.write_siblings(site, tmp_path / "cache") == 2
    for path in (site / "pyodide" / "abc" / "pyodide.asm.wasm", site / "index.html"):
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == path.read_bytes()
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes()
    # Too small to pay, or compressed already: served as they are.
    assert not list(site.glob("tiny.js.*")) and not list(site.glob("copy.zip.*"))


def test_compressed_bytes_are_made_once_per_content(tmp_path: Path) -> None:
    data = b"training load " * 500
    first = compress.compressed(data, tmp_path)
    assert sorted(path.suffix for path in tmp_path.iterdir()) == [".br", ".gz"]
    (tmp_path / next(tmp_path.glob("*.br")).name).write_bytes(b"kept")  # the cache is what is read
    assert compress.compressed(data, tmp_path)[0] == b"kept"
    assert compress.compressed(data, tmp_path)[1] == first[1]
