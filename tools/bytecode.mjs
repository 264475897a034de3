// Precompile a zip's or a wheel's Python modules with Pyodide's own Python (tools/bytecode.py),
// so the browser imports bytecode instead of compiling source on every first visit.
//
//   node tools/bytecode.mjs SOURCE TARGET_DIR OPTIMIZE
//
// SOURCE: a .zip (kept name) or a .whl (renamed for this Python: cp314-cp314-emscripten_...);
// OPTIMIZE: 0, 1 or 2.
// Python starts as the browser's does (the npm package's runtime), with -X no_debug_ranges
// (PYTHONNODEBUGRANGES). Prints the written file's path last; exits 1 with Python's message
// when a module does not compile, 64 for a wrong command line. Called by hooks/runtime.py.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [source, targetDir, optimize] = process.argv.slice(2);
if (!source || !targetDir || !["0", "1", "2"].includes(optimize ?? "")) {
  console.error("usage: node tools/bytecode.mjs SOURCE TARGET_DIR OPTIMIZE(0|1|2)");
  process.exit(64);
}
const here = dirname(fileURLToPath(import.meta.url));
const pyodide = await loadPyodide({ env: { HOME: "/home/pyodide", PYTHONNODEBUGRANGES: "1" } });
pyodide.FS.mkdirTree("/kneeload-tools");
pyodide.FS.writeFile("/kneeload-tools/bytecode.py", readFileSync(join(here, "bytecode.py")));
pyodide.FS.writeFile("/tmp/source", new Uint8Array(readFileSync(resolve(source))));
pyodide.globals.set("source_name", basename(source));
pyodide.globals.set("optimize", Number(optimize));
let name;
try {
  name = pyodide.runPython(`
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, "/kneeload-tools")
import bytecode
assert next(compile("x", "", "eval").co_positions())[2] is None, "PYTHONNODEBUGRANGES was not applied"
bytecode.compile_archive("/tmp/source", "/tmp/target", optimize=optimize)
bytecode.compiled_wheel_name(source_name, bytecode.wheel_tag()) if source_name.endswith(".whl") else source_name
`);
} catch (error) {
  console.error(String(error.message ?? error).trim().split("\n").at(-1));
  process.exit(1);
}
mkdirSync(resolve(targetDir), { recursive: true });
const target = join(resolve(targetDir), name);
writeFileSync(target, pyodide.FS.readFile("/tmp/target"));
console.log(target);
