"""Serve this folder on http://127.0.0.1 and open it in the browser (standard library only).

Shipped as ``serve.py`` in the downloaded copy (``site/download/kneeload-offline.zip``, written by
``hooks/offline.py``), for a browser that will not run the calculator from disk: run
``python3 serve.py`` in the copy's folder (or double-click it where ``.py`` files open with
Python). It answers only this computer (127.0.0.1), on a free port, with the types browsers
need for the calculator: ``.mjs`` as JavaScript and ``.wasm`` as WebAssembly.

>>> Handler.extensions_map[".wasm"], Handler.extensions_map[".mjs"]
('application/wasm', 'text/javascript')
"""

from __future__ import annotations

import functools
import http.server
import sys
import webbrowser
from pathlib import Path

HOST = "127.0.0.1"
#: The copy's folder: where this script is.
FOLDER = Path(__file__).resolve().parent

#: The types browsers need: modules as JavaScript, WebAssembly as itself.
TYPES = {
    **http.server.SimpleHTTPRequestHandler.extensions_map,
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".whl": "application/zip",
    ".zip": "application/zip",
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves files with the types the calculator needs."""

    extensions_map = TYPES


def main(folder: Path = FOLDER, open_browser: bool = True) -> None:
    """Serve ``folder`` until Ctrl+C, and open its ``index.html`` in the browser."""
    handler = functools.partial(Handler, directory=str(folder))
    with http.server.ThreadingHTTPServer((HOST, 0), handler) as server:
        url = f"http://{HOST}:{server.server_address[1]}/index.html"
        print(f"kneeload is at {url} (press Ctrl+C to stop).", flush=True)
        if open_browser:
            webbrowser.open(url)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            print("Stopped.")


if __name__ == "__main__":
    main(open_browser="--no-browser" not in sys.argv)
