// kneeload's embed script, for another site's page (see the "Embed this calculator" page):
//
//   <a data-kneeload-embed href="https://KNEELOAD/embed/ramp.html#unit=km">Weekly ramp check</a>
//   <script src="https://KNEELOAD/javascripts/embed.js" async></script>
//
// Each such link to kneeload's embed pages becomes an iframe of that page (the link stays the
// fallback: without this script, or where the page's CSP refuses the frame, it is still there), as
// tall as its content. An iframe[data-kneeload-embed] written by hand is sized the same way. The
// page may ask a frame too: kneeload.request(iframe, { check: "ramp", weeks: [20, 22] }) -> answer.
// The messages are typed in protocol.d.ts (HostToFrame, FrameToHost). Messages are taken only from
// kneeload's own origin (this script's) and only from a frame this script knows; each is checked.
(function () {
  if (globalThis.kneeload) return;
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!script) return;
  const origin = new URL(script.src).origin;
  const EMBED_PAGE = /^\/(?:[^?#]*\/)?embed\/[a-z-]+\.html$/;
  /** Taller than any answer: a "size" beyond this is not one of ours. */
  const TALLEST = 20_000;

  /**
   * One frame's state: whether it listens yet, the requests waiting for that, the answers awaited.
   * @typedef {object} Frame
   * @property {boolean} ready
   * @property {(() => void)[]} waiting
   * @property {Map<number, { resolve: (answer: import("./protocol").Answer) => void, reject: (error: Error) => void }>} pending
   */
  /** @type {Map<HTMLIFrameElement, Frame>} */
  const frames = new Map();
  let nextId = 1;

  /**
   * @param {string} href
   * @returns {boolean} whether it is one of kneeload's embed pages
   */
  function isEmbedPage(href) {
    try {
      const url = new URL(href, location.href);
      return url.origin === origin && EMBED_PAGE.test(url.pathname);
    } catch {
      return false;
    }
  }

  /**
   * Take a frame into account. One written by hand may have said "ready" before this script ran:
   * it is asked again (hello), now and whenever it loads a page.
   * @param {HTMLIFrameElement} iframe
   * @param {boolean} [hello]
   */
  function know(iframe, hello = false) {
    if (frames.has(iframe)) return;
    frames.set(iframe, { ready: false, waiting: [], pending: new Map() });
    if (!hello) return;
    /** @type {import("./protocol").HostToFrame} */
    const message = { kneeload: 1, type: "hello" };
    iframe.contentWindow?.postMessage(message, origin);
    iframe.addEventListener("load", () => iframe.contentWindow?.postMessage(message, origin));
  }

  /** @type {Map<HTMLIFrameElement, HTMLAnchorElement>} each frame made here, and the link it replaced */
  const links = new Map();

  /**
   * Swap a link for the frame it names.
   * @param {HTMLAnchorElement} link
   */
  function embed(link) {
    if (!isEmbedPage(link.href)) return;
    const iframe = document.createElement("iframe");
    iframe.src = link.href;
    iframe.title = (link.textContent ?? "").trim() || "kneeload calculator";
    iframe.loading = "lazy";
    iframe.dataset.kneeloadEmbed = "";
    // Until the frame says how tall it is: about a form's height.
    iframe.style.cssText = "display:block;width:100%;height:40rem;border:0;";
    know(iframe);
    links.set(iframe, link);
    link.replaceWith(iframe);
  }

  // This page's CSP may refuse our frames (no frame-src naming us): the links come back. Browsers
  // name only the refused origin, not the page, so every frame from it goes.
  document.addEventListener("securitypolicyviolation", (event) => {
    const directive = event.effectiveDirective;
    if (!["frame-src", "child-src", "default-src"].includes(directive)) return;
    let blocked = "";
    try {
      blocked = new URL(event.blockedURI).origin;
    } catch {
      return;
    }
    if (blocked !== origin) return;
    for (const [iframe, link] of links) {
      frames.delete(iframe);
      links.delete(iframe);
      iframe.replaceWith(link);
    }
  });

  /**
   * @param {MessageEventSource | null} source
   * @returns {[HTMLIFrameElement, Frame] | null} the known frame that window belongs to
   */
  function frameOf(source) {
    for (const entry of frames) if (entry[0].contentWindow === source) return entry;
    return null;
  }

  window.addEventListener("message", (event) => {
    if (event.origin !== origin) return;
    const found = frameOf(event.source);
    const data = event.data;
    if (!found || typeof data !== "object" || data === null || data.kneeload !== 1) return;
    const [iframe, frame] = found;
    if (data.type === "size" && Number.isFinite(data.height) && data.height > 0 && data.height <= TALLEST) {
      iframe.style.height = `${Math.ceil(data.height)}px`;
    } else if (data.type === "ready" && typeof data.check === "string") {
      frame.ready = true;
      frame.waiting.splice(0).forEach((send) => send());
    } else if (data.type === "answer" && frame.pending.has(data.id)) {
      const waiting = /** @type {NonNullable<ReturnType<Frame["pending"]["get"]>>} */ (frame.pending.get(data.id));
      if (typeof data.error === "string") {
        frame.pending.delete(data.id);
        waiting.reject(new Error(data.error));
      } else if (typeof data.answer === "object" && data.answer !== null && typeof data.answer.ok === "boolean") {
        frame.pending.delete(data.id);
        waiting.resolve(data.answer);
      }
    }
  });

  /** @type {import("./protocol").KneeloadEmbed} */
  const api = {
    request(iframe, request) {
      if (!(iframe instanceof HTMLIFrameElement) || !isEmbedPage(iframe.src)) {
        return Promise.reject(new Error("kneeload.request needs one of kneeload's embed frames."));
      }
      // What the frame would ignore as malformed (embed-frame.js, readHostMessage) is refused here at
      // once, so the promise never waits for an answer that cannot come.
      const named = typeof request === "object" && request !== null && !Array.isArray(request)
        && typeof /** @type {{ check?: unknown }} */ (request).check === "string";
      if (!named) {
        return Promise.reject(new TypeError('kneeload.request needs a request object naming its check, like { check: "ramp", weeks: [20, 22] }.'));
      }
      know(iframe, true);
      const frame = /** @type {Frame} */ (frames.get(iframe));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        frame.pending.set(id, { resolve, reject });
        /** @type {import("./protocol").HostToFrame} */
        const message = { kneeload: 1, type: "request", id, request };
        const send = () => iframe.contentWindow?.postMessage(message, origin);
        if (frame.ready) send();
        else frame.waiting.push(send);
      });
    },
  };
  globalThis.kneeload = api;

  function start() {
    document.querySelectorAll("iframe[data-kneeload-embed]").forEach((iframe) => {
      if (isEmbedPage(/** @type {HTMLIFrameElement} */ (iframe).src)) know(/** @type {HTMLIFrameElement} */ (iframe), true);
    });
    document.querySelectorAll("a[data-kneeload-embed]").forEach((link) => embed(/** @type {HTMLAnchorElement} */ (link)));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
