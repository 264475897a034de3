// Run the native unit tests (tests/unit) and the calculator's doctests inside Pyodide under Node.
//
//   node tests/pyodide/run_unit_tests.mjs WHEEL_DIR SITE_LOCK_DIR STDLIB_ZIP [pytest args...]
//
// WHEEL_DIR holds the pure-Python wheels of pytest and its dependencies (make downloads them);
// they are unpacked into Pyodide's site-packages. SITE_LOCK_DIR holds the site's pyodide-lock.json
// and the wheels it lists, as the site serves them: Pyodide boots with that lock and installs every
// package in it with loadPackage, as the browser does. Pyodide under Node reads local wheels
// without checking their sha256 (only the browser's fetch does), so this runner checks each
// wheel against the lock first and refuses a mismatch. STDLIB_ZIP is the hosted site's smaller,
// precompiled standard library: Python starts from it as the browser's worker does, and a module
// it lacks (pytest needs many) comes from Pyodide's whole python_stdlib.zip through the same
// fallback finder (_kneeload_stdlib), reading the file instead of downloading it. The wheel is
// precompiled (sourceless .pyc), so pytest finds no doctest files in it: the calculator's doctests
// are found in its imported modules (doctest.DocTestFinder) and run with pytest's default
// ELLIPSIS; "doctests: N passed, M failed" is printed. No network; the project is mounted
// read-only in spirit (no bytecode written). The process exits with pytest's exit code, or 1 when
// a doctest failed.

import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [wheelDir, siteLockDir, stdlibZip, ...pytestArgs] = process.argv.slice(2);
if (!wheelDir || !siteLockDir || !stdlibZip) {
  console.error("usage: node run_unit_tests.mjs WHEEL_DIR SITE_LOCK_DIR STDLIB_ZIP [pytest args...]");
  process.exit(64);
}
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const lockFile = join(resolve(siteLockDir), "pyodide-lock.json");
const lock = JSON.parse(readFileSync(lockFile, "utf8"));
const sitePackageNames = Object.keys(lock.packages);

for (const entry of Object.values(lock.packages)) {
  const digest = createHash("sha256").update(readFileSync(join(dirname(lockFile), entry.file_name))).digest("hex");
  if (digest !== entry.sha256) {
    console.error(`${entry.file_name}: sha256 ${digest} does not match the lock's ${entry.sha256}; refused.`);
    process.exit(65);
  }
}

const pyodide = await loadPyodide({ lockFileURL: lockFile, stdLibURL: resolve(stdlibZip) });
const whole = join(dirname(fileURLToPath(import.meta.resolve("pyodide"))), "python_stdlib.zip");
pyodide.FS.writeFile("/tmp/python_stdlib_source.zip", new Uint8Array(readFileSync(whole)));
pyodide.runPython(`
import sys, _kneeload_stdlib
def read(url):
    with open("/tmp/python_stdlib_source.zip", "rb") as whole:
        return whole.read()
sys.meta_path.append(_kneeload_stdlib.Finder("python_stdlib.zip", _kneeload_stdlib.FULL, download=read))
`);
const problems = [];
await pyodide.loadPackage(sitePackageNames, {
  messageCallback: (message) => console.log(message),
  errorCallback: (message) => problems.push(message),
});
if (problems.length) {
  console.error(`loadPackage failed: ${problems.join(" ")}`);
  process.exit(66);
}
for (const entry of Object.values(lock.packages)) {
  for (const name of entry.imports) pyodide.pyimport(name).destroy();
}
console.log(`Installed from the site's lock: ${Object.keys(pyodide.loadedPackages).sort().join(", ")}`);

const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
const wheels = readdirSync(wheelDir).filter((name) => name.endsWith(".whl")).map((name) => join(wheelDir, name));
for (const wheel of wheels) {
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
code = int(pytest.main([
    "/project/tests/unit",
    "-c", "/project/pyproject.toml", "--rootdir", "/project", "-p", "no:cacheprovider",
    *pytest_args,
]))
import doctest, importlib, pkgutil
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
passed = failed = 0
names = ["calculator", *(found.name for found in pkgutil.walk_packages(calculator.__path__, "calculator."))]
for name in names:
    if name.endswith(".__main__"):
        continue  # the command line (pytest collects no doctests from __main__.py either)
    for test in doctest.DocTestFinder().find(importlib.import_module(name)):
        if test.examples:
            result = runner.run(test)
            failed += bool(result.failed)
            passed += not result.failed
print(f"doctests: {passed} passed, {failed} failed")
code or int(failed > 0)
`);
process.exit(exitCode);
