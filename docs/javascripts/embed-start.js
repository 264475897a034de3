// An embed page's first script (embed/<check>.html, built by hooks/embed.py): classic, not a
// module, and in the head, so that it runs before anything is painted and runs even where the
// page's modules cannot (a sandboxed frame without allow-same-origin fetches modules with CORS,
// and so never gets them). Three jobs:
//   - the theme the address asks for (theme=auto|light|dark, in the fragment or an old query);
//   - the frame's height, told to the page around it (a "size" message; protocol.d.ts);
//   - where the page's modules cannot run, one sentence for the reader (the form stays off).
// Everything else (the form, the calculator, the host's requests) is embed-frame.js's.
(function () {
  var root = document.documentElement;

  // --- the theme -------------------------------------------------------------------------------
  var params = new URLSearchParams(location.hash.replace(/^#/, "") || location.search);
  var theme = params.get("theme");
  var dark = window.matchMedia("(prefers-color-scheme: dark)");
  function applyTheme() {
    var scheme = theme === "dark" || (theme !== "light" && dark.matches) ? "dark" : "light";
    // Material's palettes: "default" is light, "slate" dark. The root's color-scheme matches, so
    // the browser paints the frame's canvas, form controls and scroll bars in the same scheme.
    root.dataset.mdColorScheme = scheme === "dark" ? "slate" : "default";
    root.style.colorScheme = scheme;
  }
  applyTheme();
  if (theme !== "light" && theme !== "dark") dark.addEventListener("change", applyTheme);
  // A host that changes what follows the # in the frame's address (other answers, another theme)
  // gets a frame that shows them: the page starts again with them. Listened for here, first: a
  // change that came while the page was loading, before its modules ran, was missed, and the frame
  // showed the new answers (read later) in the old theme (read above).
  window.addEventListener("hashchange", function () {
    location.reload();
  });

  // --- the frame's height ----------------------------------------------------------------------
  // Only a number of pixels goes to the page around the frame, never anything a reader typed. Its
  // origin is known in browsers with location.ancestorOrigins; elsewhere (Firefox) it cannot be
  // known (the pages send no Referer), and "*" is used: acceptable for a height, which carries no
  // reader data. Answers to a host's requests go only to the origin that asked (embed-frame.js).
  var framed = window.parent !== window;
  var ancestor = location.ancestorOrigins && location.ancestorOrigins[0];
  var hostOrigin = ancestor && /^https?:\/\//.test(ancestor) ? ancestor : "*";
  /** @type {number} */
  var lastHeight = -1;
  function tellHeight() {
    var main = document.querySelector(".kl-embed");
    if (!framed || !main) return;
    var height = Math.ceil(main.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    /** @type {import("./protocol").FrameToHost} */
    var message = { kneeload: 1, type: "size", height: height };
    window.parent.postMessage(message, hostOrigin);
    // A frame styled frame-sizing: content-height (the plain iframe snippet) sizes itself from this.
    var resize = /** @type {{ requestResize?: () => void }} */ (/** @type {unknown} */ (window)).requestResize;
    if (typeof resize === "function") {
      try { resize.call(window); } catch (error) { /* not styled so: the message does it */ }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var main = document.querySelector(".kl-embed");
    if (main && typeof ResizeObserver === "function") new ResizeObserver(tellHeight).observe(main);
    tellHeight();
  });

  // --- when the page's modules cannot load -------------------------------------------------------
  // The page says why the calculator cannot run here (hooks/embed.py) unless this script runs: a
  // frame sandboxed without allow-scripts shows it. This script runs: the sentence goes (embed.css).
  root.setAttribute("data-embed-scripts", "");
  // A module that cannot be fetched (CORS in a sandboxed frame without allow-same-origin, a blocked
  // file) fires "error" at its script element: no timer is needed to know that it will never run.
  // The sentence comes back; the form stays switched off (its fieldset is disabled).
  document.addEventListener("error", function (event) {
    var target = event.target;
    if (target instanceof HTMLScriptElement && target.type === "module") root.dataset.embedState = "refused";
  }, true);
})();
