// A classic script (not a module), so that it still runs when the site is opened from disk:
// browsers refuse module scripts and Pyodide under file://, so the calculator cannot start there.
// It tells the reader how to run the calculator instead of leaving a form that never answers.
(function () {
  if (location.protocol !== "file:") return;
  var message = "The calculator needs the site to be served, not opened from disk. In the site's folder run "
    + "python3 -m http.server and open http://127.0.0.1:8000/ in your browser. The reading pages work either way.";
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
})();
