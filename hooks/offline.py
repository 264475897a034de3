"""The downloaded copy: ``site/download/kneeload-offline.zip``, the whole site working from disk.

After the hosted build, ``on_post_build`` builds the site again with ``mkdocs-offline.yml``
(this config plus Material's ``offline`` plugin and ``extra.offline: true``) into a temporary
folder, adds ``serve.py`` (``tools/serve.py``) and zips it. Only that second build, where
``extra.offline`` is true, gets the files a page opened from disk (``file:``) needs, where
browsers refuse ``fetch()``, module scripts and workers started from files:

- each runtime file of ``pyodide/`` again as ``pyodide/NAME.js``, a script that holds its bytes
  gzipped and base64-encoded (``runtime_script``), which ``javascripts/offline.js`` loads with
  plain ``<script>`` tags on ``file:`` only;
- ``javascripts/offline-runtime.js``: the names of those files, ``worker.js``'s text (started
  from a ``data:`` URL) and the page's modules as one module's text (``page_module``);
- ``javascripts/native-worker.js`` and iframe-worker's shim (from npm, pinned in package.json):
  search runs in an iframe on ``file:``, the calculator's worker keeps the browser's own Worker.

The hosted site has none of these, so its visitors never download them. ``<!-- download -->`` in
a page becomes the link to the archive (hosted) or says this is the copy (offline).

>>> ARCHIVE
'download/kneeload-offline.zip'
"""

from __future__ import annotations

import base64
import gzip
import json
import logging
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from shared import project_root, without_relative_imports, worker_source

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.kneeload.offline")

#: The archive, in the hosted site.
ARCHIVE = "download/kneeload-offline.zip"
#: The folder the archive unzips into.
ARCHIVE_FOLDER = "kneeload-offline"
#: The offline build's config, next to mkdocs.yml.
OFFLINE_CONFIG = "mkdocs-offline.yml"
#: The page's modules, each after those it imports, joined into one module for file:.
PAGE_MODULES = ("form.js", "answer.js", "history.js", "client.js", "page.js")
#: The runtime's folder in the site (hooks/runtime.py puts it there).
RUNTIME_DIR = "pyodide/"
#: Fixed zip timestamps (1980-01-01), so the same site gives the same archive.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DOWNLOAD_MARKER = "<!-- download -->"


def is_offline(config: MkDocsConfig) -> bool:
    """Whether this build is the downloaded copy's (``extra.offline`` in mkdocs-offline.yml)."""
    return bool(config.extra.get("offline"))


def runtime_script(name: str, data: bytes) -> str:
    """Return a classic script that adds one runtime file, gzipped and base64-encoded, by name.

    >>> script = runtime_script("a.json", b"{}")
    >>> script.startswith('(globalThis.kneeloadRuntime ||= {})["a.json"] = "')
    True
    >>> import base64, gzip
    >>> gzip.decompress(base64.b64decode(script.split('"')[3]))
    b'{}'
    """
    packed = base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode("ascii")
    return f"(globalThis.kneeloadRuntime ||= {{}})[{json.dumps(name)}] = {json.dumps(packed)};\n"


def page_module(sources: dict[str, str]) -> str:
    """Join the page's modules into one module's text (for a ``data:`` URL, where nothing relative resolves).

    Each module's relative imports are dropped (their names are then in the one module's scope),
    and ``import.meta.url`` becomes the module's own file URL, from ``kneeloadOffline.scripts``
    (set by offline.js). Fails if a relative import is written in a form this does not read.

    >>> page_module({"a.js": "export const A = 1;\\n", "b.js": 'import { A } from "./a.js";\\nconsole.log(A, import.meta.url);\\n'})
    'export const A = 1;\\nconsole.log(A, new URL("b.js", globalThis.kneeloadOffline?.scripts).href);\\n'
    >>> page_module({"b.js": 'import {\\n  A,\\n} from "./a.js";\\nA;\\n'})
    'A;\\n'
    >>> page_module({"b.js": 'import * as a from "./a.js";\\n'})
    Traceback (most recent call last):
    ...
    mkdocs.exceptions.PluginError: b.js: write each relative import as import { names } from "./x.js" (hooks/shared.py joins modules)
    """
    parts = []
    for name, text in sources.items():
        text = without_relative_imports(name, text)
        own_url = f"new URL({json.dumps(name)}, globalThis.kneeloadOffline?.scripts).href"
        parts.append(text.replace("import.meta.url", own_url))
    return "".join(parts)


def offline_manifest(names: list[str], worker: str, page: str) -> str:
    """Return ``javascripts/offline-runtime.js``: the runtime's file names and the two texts.

    >>> offline_manifest(["a.json"], "w", "p")
    'globalThis.kneeloadOffline = {"names": ["a.json"], "worker": "w", "page": "p"};\\n'
    """
    manifest = {"names": names, "worker": worker, "page": page}
    return f"globalThis.kneeloadOffline = {json.dumps(manifest)};\n"


def offline_files(config: MkDocsConfig, files: Files) -> list[File]:
    """Return the offline build's extra files, made from the runtime already in ``files``."""
    root = project_root(config)
    runtime = sorted(
        (file for file in files if file.src_uri.startswith(RUNTIME_DIR)), key=lambda file: file.src_uri
    )
    if not runtime:
        raise PluginError("hooks/offline.py found no runtime in pyodide/: hooks/runtime.py must run first.")
    added = [
        File.generated(
            config,
            f"{file.src_uri}.js",
            content=runtime_script(file.src_uri[len(RUNTIME_DIR) :], file.content_bytes),
        )
        for file in runtime
    ]
    scripts = Path(config.docs_dir) / "javascripts"
    page = page_module({name: (scripts / name).read_text(encoding="utf-8") for name in PAGE_MODULES})
    names = [file.src_uri[len(RUNTIME_DIR) :] for file in runtime]
    worker = worker_source(scripts)
    shim = root / "node_modules" / "iframe-worker" / "shim" / "index.js"
    if not shim.is_file():
        raise PluginError(f"iframe-worker not found at {shim}: run `make site` (it runs `npm ci`).")
    added += [
        File.generated(
            config, "javascripts/offline-runtime.js", content=offline_manifest(names, worker, page)
        ),
        File.generated(config, "javascripts/iframe-worker/shim.js", abs_src_path=str(shim)),
        File.generated(
            config,
            "javascripts/native-worker.js",
            content="// Keep the browser's Worker before iframe-worker's shim replaces it on file: (client.js).\n"
            "globalThis.kneeloadNativeWorker = globalThis.Worker;\n",
        ),
    ]
    return added


def write_archive(folder: Path, archive: Path) -> None:
    """Zip ``folder`` into ``archive`` under one top folder, files sorted, fixed timestamps.

    >>> import tempfile
    >>> work = Path(tempfile.mkdtemp())
    >>> (work / "site").mkdir()
    >>> _ = (work / "site" / "index.html").write_text("hi")
    >>> write_archive(work / "site", work / "out" / "a.zip")
    >>> zipfile.ZipFile(work / "out" / "a.zip").namelist()
    ['kneeload-offline/index.html']
    """
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{ARCHIVE_FOLDER}/{path.relative_to(folder).as_posix()}", ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (0o755 if path.suffix == ".py" else 0o644) << 16
                out.writestr(info, path.read_bytes())


def build_offline_copy(root: Path, archive: Path) -> None:
    """Build the site with ``mkdocs-offline.yml`` (strict), add ``serve.py``, zip it into ``archive``.

    Raises PluginError with the build's log when that build fails.
    """
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
        command += ["-f", str(root / OFFLINE_CONFIG), "-d", str(site)]
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise PluginError(f"The offline copy's build failed:\n{done.stdout}{done.stderr}")
        shutil.copyfile(root / "tools" / "serve.py", site / "serve.py")
        write_archive(site, archive)
    log.info("Wrote %s (%.1f MB)", archive.name, archive.stat().st_size / 1e6)


# --- MkDocs events -------------------------------------------------------------------------------

_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is ``mkdocs serve``, which rebuilds on each edit: no archive then."""
    global _serving
    _serving = command == "serve"


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """In the offline build, add the files a page opened from disk needs."""
    if is_offline(config):
        for file in offline_files(config, files):
            files.append(file)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Render ``<!-- download -->``: the archive's link, or, in the copy, that this is it."""
    if DOWNLOAD_MARKER not in markdown:
        return markdown
    if is_offline(config):
        text = "You are reading the downloaded copy: it works from disk, calculators and search included."
    else:
        href = "../" * page.file.src_uri.count("/") + ARCHIVE
        text = (
            f'<a href="{href}" download>Download the whole site (zip)</a>: unzip it anywhere and open '
            "`index.html`; the pages, search and every calculator then work with no network."
        )
    return markdown.replace(DOWNLOAD_MARKER, text)


def on_post_build(*, config: MkDocsConfig) -> None:
    """After the hosted build (not under ``mkdocs serve``), write the downloaded copy's archive."""
    if is_offline(config) or _serving:
        return
    build_offline_copy(project_root(config), Path(config.site_dir) / ARCHIVE)
