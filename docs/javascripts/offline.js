// A classic script (not a module), so that it still runs when the site is opened from disk
// (file:), where browsers refuse module scripts, fetch() and workers started from files.
//
// A downloaded copy (site/download/kneeload-offline.zip, built by hooks/offline.py) has
// javascripts/offline-runtime.js, loaded just before this script, and no page.js module tag.
// Served (serve.py), this script imports page.js. On file:, it loads the runtime's files as plain
// scripts (pyodide/NAME.js, each gzipped base64 text) and imports the page's modules as one module
// from a data: URL; client.js starts the worker.
// Any other copy of the site opened from disk tells the reader how to run the calculator.
(function () {
  var offline = globalThis.kneeloadOffline;
  var here = /** @type {HTMLScriptElement} */ (document.currentScript).src;
  if (location.protocol !== "file:") {
    // A downloaded copy served (serve.py) starts the page's modules as the hosted site does.
    if (offline) import(new URL("page.js", here).href);
    return;
  }
  if (offline) {
    var copy = offline;
    copy.refused = "This browser does not run the calculator from a downloaded copy: in the copy's folder, "
      + "run serve.py with Python 3 (python3 serve.py) and it opens the site with the calculator working. "
      + "The reading pages work as they are.";
    copy.scripts = new URL(".", here).href;
    var base = new URL("../pyodide/", here).href;
    copy.files = Promise.all(copy.names.map(function (name) {
      return new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + name + ".js";
        script.onload = resolve;
        script.onerror = function () { reject(new Error(name + " could not be read.")); };
        document.head.append(script);
      });
    })).then(function () {
      var runtime = globalThis.kneeloadRuntime || {};
      /** @type {Record<string, string>} */
      var files = {};
      copy.names.forEach(function (name) { files[name] = runtime[name]; });
      return { type: /** @type {"runtime"} */ ("runtime"), base: base, files: files };
    });
    copy.files.catch(function () {});
    import("data:text/javascript;charset=utf-8," + encodeURIComponent(copy.page)).catch(function () {
      refuse(copy.refused || "");
    });
    return;
  }
  refuse("The calculator needs the site to be served, not opened from disk. In the site's folder run "
    + "python3 -m http.server and open http://127.0.0.1:8000/ in your browser. The reading pages work either way.");

  /**
   * Say why the calculator cannot run here, at the top of each form, and switch its fields off.
   * @param {string} message for the reader
   */
  function refuse(message) {
    var forms = /** @type {NodeListOf<HTMLFormElement>} */ (document.querySelectorAll("form[data-calculator]"));
    forms.forEach(function (form) {
      var status = document.createElement("p");
      status.className = "kl-status";
      status.setAttribute("role", "status");
      status.setAttribute("data-calculator-status", "");
      status.textContent = message;
      form.prepend(status);
      form.dataset.state = "failed";
      var fields = /** @type {NodeListOf<HTMLInputElement | HTMLButtonElement | HTMLSelectElement | HTMLTextAreaElement>} */
        (form.querySelectorAll("button, input, select, textarea"));
      fields.forEach(function (field) { field.disabled = true; });
    });
  }
})();
