"""Pre-compressed siblings for hosts that serve them: ``NAME.br`` and ``NAME.gz`` next to each file.

After the hosted build, every file of the site that compresses (text, JavaScript, JSON, the
WebAssembly and a zip or wheel written stored, like the runtime's smaller standard library and
the precompiled wheels; not other zips, wheels or images) gets a brotli (quality 11) and a gzip (level 9) sibling. A host that serves siblings (nginx ``brotli_static``/``gzip_static``, Caddy
``precompressed``, a CDN fed the folder) sends one when the browser accepts that encoding, and
the file itself otherwise; a host that ignores them loses nothing (README, "Caching and
compression"). Brotli at quality 11 is slow on Pyodide's 9.6 MB wasm, so each compressed file is
kept in ``.cache/compressed/`` by its sha256 and made once per content. The downloaded copy
(``extra.offline``) gets none: nothing serves it compressed.

>>> sorted(SUFFIXES)[:3]
['.css', '.html', '.js']
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import brotli
from shared import project_root, write_atomically

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.kneeload.compress")

#: What compresses well (zips, wheels and images are compressed already, unless written stored:
#: stored_zip).
SUFFIXES = frozenset({".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".xml", ".txt"})
#: Below this, a sibling saves less than its own headers cost.
MIN_BYTES = 1024


def compressed(data: bytes, cache_dir: Path) -> tuple[bytes, bytes]:
    """Return ``data`` as (brotli, gzip), reusing what ``cache_dir`` holds for the same bytes.

    Brotli: quality 11, a 16 MB window (``lgwin=24``, which every brotli decoder accepts);
    gzip: level 9, no timestamp, so the same bytes always give the same siblings.

    >>> import tempfile
    >>> br, gz = compressed(b"knee " * 1000, Path(tempfile.mkdtemp()))
    >>> brotli.decompress(br) == gzip.decompress(gz) == b"knee " * 1000
    True
    """
    key = hashlib.sha256(data).hexdigest()
    br_path, gz_path = cache_dir / f"{key}.br", cache_dir / f"{key}.gz"
    if not (br_path.is_file() and gz_path.is_file()):
        write_atomically(br_path, brotli.compress(data, quality=11, lgwin=24))
        write_atomically(gz_path, gzip.compress(data, compresslevel=9, mtime=0))
    return br_path.read_bytes(), gz_path.read_bytes()


def stored_zip(path: Path) -> bool:
    """Whether ``path`` is a zip or a wheel whose members are all stored (so it compresses like its contents).

    >>> import tempfile, zipfile
    >>> path = Path(tempfile.mkdtemp()) / "a.zip"
    >>> with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as made:
    ...     made.writestr("a.py", "knee = 1\\n" * 100)
    >>> stored_zip(path), stored_zip(path.with_name("none.zip"))
    (True, False)
    """
    if path.suffix not in (".zip", ".whl") or not path.is_file():
        return False
    try:
        with zipfile.ZipFile(path) as zipped:
            return all(member.compress_type == zipfile.ZIP_STORED for member in zipped.infolist())
    except zipfile.BadZipFile:
        return False


def write_siblings(site_dir: Path, cache_dir: Path) -> int:
    """Write ``.br`` and ``.gz`` next to each compressible file of ``site_dir``; return how many files.

    A sibling is written only where it is smaller than the file.

    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> _ = (site / "a.js").write_text("let knee = 1;\\n" * 200)
    >>> _ = (site / "b.zip").write_bytes(b"PK" * 1000)
    >>> write_siblings(site, site / ".cache"), sorted(path.name for path in site.glob("*.*") if path.is_file())
    (1, ['a.js', 'a.js.br', 'a.js.gz', 'b.zip'])
    """
    count = 0
    for path in sorted(site_dir.rglob("*")):
        if (
            not (path.suffix in SUFFIXES or stored_zip(path))
            or not path.is_file()
            or cache_dir in path.parents
        ):
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        for suffix, packed in zip((".br", ".gz"), compressed(data, cache_dir), strict=True):
            if len(packed) < len(data):
                path.with_name(path.name + suffix).write_bytes(packed)
        count += 1
    return count


def on_post_build(*, config: MkDocsConfig) -> None:
    """After the hosted build, write the compressed siblings (the downloaded copy gets none)."""
    if config.extra.get("offline"):
        return
    count = write_siblings(Path(config.site_dir), project_root(config) / ".cache" / "compressed")
    log.info("Wrote .br and .gz siblings for %d files", count)
