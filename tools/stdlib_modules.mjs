// Print the standard library files the calculator's worker uses in the browser, one zip member
// a line: tools/stdlib_modules.txt, from which the build packs the hosted site's
// smaller standard library (hooks/runtime.py, trimmed_stdlib; README "Speed").
//
//   node tools/stdlib_modules.mjs SITE_LOCK_DIR SAMPLES_DIR > tools/stdlib_modules.txt
//
// SITE_LOCK_DIR holds the site's pyodide-lock.json and wheels (.cache/site-lock/<key>/);
// SAMPLES_DIR, training-log exports of each kind the calculator reads (tests/pyodide/
// test_stdlib_list.py writes them to .cache/history-samples/). Pyodide starts under Node as the
// worker starts it (memory snapshot on), unpacks the calculator's wheel, imports every
// calculator module (not the command line's __main__), answers calculator.protocol.WARM_UP's
// requests, makes a snapshot, and reads each sample with the training log's check (its readers
// import modules of their own as they run: a CSV's codec, date parsing); then every module
// Python loaded from Pyodide's python_stdlib.zip is listed.
// A module left out is still found in the browser, from the whole zip (the fallback finder),
// at the cost of that download: tests/pyodide/test_stdlib_list.py keeps this list current.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadPyodide } from "pyodide";

const [siteLockDir, samplesDir] = process.argv.slice(2);
if (!siteLockDir || !samplesDir) {
  console.error("usage: node tools/stdlib_modules.mjs SITE_LOCK_DIR SAMPLES_DIR");
  process.exit(64);
}
const lock = JSON.parse(readFileSync(join(resolve(siteLockDir), "pyodide-lock.json"), "utf8"));
const pyodide = await loadPyodide({ _makeSnapshot: true });
for (const entry of Object.values(lock.packages)) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(resolve(siteLockDir), entry.file_name))), "wheel");
}
pyodide.runPython(`
import importlib, os
import calculator.protocol
# Every calculator module but the command line's __main__ (os.walk: pkgutil is not the worker's).
root = os.path.dirname(os.path.dirname(calculator.__file__))
for folder, _, names in os.walk(os.path.dirname(calculator.__file__)):
    for name in sorted(names):
        # (.pyc: the site's wheel is precompiled, sourceless)
        if name.endswith((".py", ".pyc")) and name not in ("__main__.py", "__main__.pyc"):
            path = os.path.relpath(os.path.join(folder, name), root).removesuffix("c").removesuffix(".py")
            importlib.import_module(path.removesuffix("/__init__").replace("/", "."))
`);
pyodide.makeMemorySnapshot();
pyodide.FS.mkdirTree("/samples");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: resolve(samplesDir) }, "/samples");
const files = pyodide.runPython(`
import json, os, sys
from calculator.protocol import WARM_UP, handle
for text in WARM_UP:
    handle(text)
for name in sorted(os.listdir("/samples")):
    answer = json.loads(handle(json.dumps({"check": "history", "files": [f"/samples/{name}"]})))
    assert answer["ok"], (name, answer)
ZIP = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"
"\\n".join(sorted({
    module.__file__[len(ZIP):] for module in list(sys.modules.values())
    if (getattr(module, "__file__", None) or "").startswith(ZIP)
}))
`);
console.log(files);
