// Run the native unit tests (tests/unit) and the calculator's doctests inside Pyodide under Node.
//
//   node tests/pyodide/run_unit_tests.mjs WHEEL_DIR CALCULATOR_WHEEL [pytest args...]
//
// WHEEL_DIR holds the pure-Python wheels of pytest and its dependencies (make downloads them);
// CALCULATOR_WHEEL is the wheel the site ships. Everything is unpacked into Pyodide's
// site-packages without micropip and without network; the project is mounted read-only in
// spirit (no bytecode written). The process exits with pytest's exit code.

import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [wheelDir, calculatorWheel, ...pytestArgs] = process.argv.slice(2);
if (!wheelDir || !calculatorWheel) {
  console.error("usage: node run_unit_tests.mjs WHEEL_DIR CALCULATOR_WHEEL [pytest args...]");
  process.exit(64);
}
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

const pyodide = await loadPyodide();
const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
const wheels = readdirSync(wheelDir).filter((name) => name.endsWith(".whl")).map((name) => join(wheelDir, name));
for (const wheel of [...wheels, resolve(calculatorWheel)]) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
}
pyodide.mountNodeFS("/project", projectRoot);

pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const exitCode = pyodide.runPython(`
import os, sys
sys.dont_write_bytecode = True
os.chdir("/tmp")  # not the project: calculator must come from the wheel
import calculator, pytest
print(f"Python {sys.version.split()[0]} on {sys.platform}; calculator from {os.path.dirname(calculator.__file__)}")
int(pytest.main([
    "/project/tests/unit", os.path.dirname(calculator.__file__),
    "-c", "/project/pyproject.toml", "--rootdir", "/project", "-p", "no:cacheprovider",
    *pytest_args,
]))
`);
process.exit(exitCode);
