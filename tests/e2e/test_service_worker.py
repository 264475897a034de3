"""What a returning reader's browser keeps: the service worker (calculator/sw.js, from
docs/javascripts/sw.js) and the worker's memory snapshot (worker.js). The calculator answers with
the network cut; a later visit starts from the snapshot, and a corrupt one is replaced, never
trusted; an older build's caches are deleted; reading pages and the downloaded copy never
register the service worker."""

from __future__ import annotations

import hashlib
import json
import re
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

import pytest
from playwright.sync_api import BrowserContext, BrowserType, Page, expect

from tests.e2e.reader import READY_TIMEOUT_MS, fill_weeks, open_calculator, wait_until
from tests.helpers import _SiteHandler, serve_directory

#: True once this page is controlled and the service worker has kept the page itself.
KEPT = """async () => {
  if (!navigator.serviceWorker.controller) return false;
  for (const name of await caches.keys()) {
    if (name.startsWith("kneeload-pages-") && await (await caches.open(name)).match(location.href.split("#")[0])) return true;
  }
  return false;
}"""


def with_snapshot(body: str) -> str:
    """Page script: an async function that runs ``body`` with the worker's snapshot store
    (``store``, null before there is one), the kept snapshot's ``key``, and its response
    (``kept``, null when there is none) in scope (worker.js: SNAPSHOT_STORE, SNAPSHOT_KEY)."""
    return (
        "async () => {\n"
        '  const name = (await caches.keys()).find((name) => name.startsWith("kneeload-snapshot-"));\n'
        "  const store = name ? await caches.open(name) : null;\n"
        '  const key = new URL("python-snapshot", location.href).href;\n'
        "  const kept = store && await store.match(key);\n"
        f"{body}\n}}"
    )


#: The size of the worker's kept memory snapshot of Python (0: none yet).
SNAPSHOT_BYTES = with_snapshot("  return kept ? (await kept.arrayBuffer()).byteLength : 0;")
#: True once there is one (Python's memory is tens of MB).
SNAPSHOT_KEPT = f"async () => (await ({SNAPSHOT_BYTES})()) > 1000000"


def test_waiting_for_an_async_condition_waits(page: Page) -> None:
    # Why wait_until: Playwright's wait_for_function returns at once for an async function.
    page.goto("index.html")
    started = page.evaluate("performance.now()")
    page.wait_for_function("async () => false", timeout=5000)
    assert page.evaluate("performance.now()") - started < 2000
    page.evaluate("() => { window.later = Date.now() + 700; }")
    wait_until(page, "async () => Date.now() > window.later", timeout_ms=5000)
    assert page.evaluate("Date.now() > window.later")
    with pytest.raises(AssertionError, match="still false"):
        wait_until(page, "async () => false", timeout_ms=300)


def _ask_ramp(page: Page) -> None:
    fill_weeks(page, ["20", "22", "26", "25"])
    page.get_by_role("button", name="Check my weeks").click()
    expect(page.locator("#ramp-answer tbody tr")).to_have_count(4, timeout=READY_TIMEOUT_MS)


def _expect_the_ramp_answer(page: Page) -> None:
    """The answer to _ask_ramp's weeks: the next week's limit, 26 (week 3) x 1.1."""
    # A link with inputs is answered once Python has started: the start's time, not an answer's.
    expect(page.locator("#ramp-answer .kl-summary")).to_contain_text(
        "up to 28.6 km", timeout=READY_TIMEOUT_MS
    )


@pytest.mark.parametrize("http_cache", ["kept", "emptied"])
def test_returning_reader_gets_an_answer_with_the_network_cut(
    page: Page, requests_seen: list[str], http_cache: str
) -> None:
    # The WebAssembly file comes from the browser's HTTP cache while it holds it (sw.js,
    # fromStore); once that cache is emptied, the service worker's own store serves it.
    open_calculator(page)
    _ask_ramp(page)
    wait_until(page, KEPT)
    scope = page.evaluate("async () => (await navigator.serviceWorker.ready).scope")
    assert scope.endswith("/calculator/"), scope
    if http_cache == "emptied":
        page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    page.context.set_offline(True)
    try:
        page.goto("calculator/ramp.html")
        expect(page.locator("#ramp-form")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        _ask_ramp(page)
        _expect_the_ramp_answer(page)
    finally:
        page.context.set_offline(False)


def test_a_later_visit_starts_from_the_snapshot(page: Page, requests_seen: list[str]) -> None:
    wheels: list[bool] = []  # for each wheel response: did this browser's store give it?
    page.context.on(
        "response",
        lambda response: response.url.endswith(".whl") and wheels.append(response.from_service_worker),
    )
    open_calculator(page)
    wait_until(page, SNAPSHOT_KEPT)
    assert any(url.endswith(".whl") for url in requests_seen)
    # The kept snapshot, marked: a start that did not restore it would replace it with a new one.
    page.evaluate(
        with_snapshot(
            """const bytes = await kept.arrayBuffer();
            await store.put(key, new Response(bytes, { headers: { "X-Kept": "first visit" } }));"""
        )
    )
    wheels.clear()
    open_calculator(page)
    _ask_ramp(page)
    _expect_the_ramp_answer(page)
    kept_by = page.evaluate(with_snapshot('return kept.headers.get("X-Kept");'))
    assert kept_by == "first visit"  # restored from it, not started afresh
    # Its files unpacked again (a snapshot holds memory, not files), from this browser's store.
    assert wheels and all(wheels)
    # Neither start needed Pyodide's whole standard library: the smaller one holds what both import.
    assert not [url for url in requests_seen if url.endswith("/python_stdlib.zip")]


def test_the_snapshot_holds_nothing_of_the_readers(page: Page) -> None:
    # A link with inputs: the page asks at once, before the worker's warm-up has ended.
    page.goto("calculator/ramp.html#weeks=20.4321&weeks=25.8765&weeks=30.1234")
    expect(page.locator("#ramp-answer tbody tr")).to_have_count(3, timeout=READY_TIMEOUT_MS)
    wait_until(page, SNAPSHOT_KEPT)
    found = page.evaluate(
        with_snapshot(
            """const bytes = new Uint8Array(await kept.arrayBuffer());
            const text = new TextDecoder("latin1").decode(bytes);
            return ["20.4321", "25.8765", "30.1234"].filter((number) => text.includes(number));"""
        )
    )
    assert found == []  # Python's memory was kept before the request reached it


def test_the_snapshot_is_kept_without_its_blocks_of_zeros(page: Page) -> None:
    open_calculator(page)
    wait_until(page, SNAPSHOT_KEPT)
    magic, length, kept = page.evaluate(
        with_snapshot(
            """const buffer = await kept.arrayBuffer();
            const [magic, length] = new Uint32Array(buffer, 0, 2);
            return [magic, length, buffer.byteLength];"""
        )
    )
    assert magic == int.from_bytes(b"KLS1", "little")  # snapshot.js's form
    # Python's memory is tens of MB, and more than half of it is unused (zeros): 13 of 31 MB here.
    assert length > 10_000_000
    assert kept < 0.6 * length


def test_a_later_visit_can_use_a_check_the_first_never_imported(page: Page) -> None:
    # The first visit's snapshot is made at its link's request, before the warm-up imported the
    # other checks; a snapshot holds Python's memory, not the wheel's files.
    page.goto("calculator/ramp.html#weeks=20&weeks=22&weeks=26")
    expect(page.locator("#ramp-answer tbody tr")).to_have_count(3, timeout=READY_TIMEOUT_MS)
    wait_until(page, SNAPSHOT_KEPT)
    page.goto("about:blank")
    page.goto("calculator/redflags.html#answers.hot_swollen=yes")
    expect(page.locator("#redflags-answer")).to_be_visible(timeout=READY_TIMEOUT_MS)
    expect(page.locator("#redflags-answer .kl-care-card")).to_be_visible()


def test_a_corrupt_snapshot_is_replaced_not_trusted(page: Page, requests_seen: list[str]) -> None:
    open_calculator(page)
    wait_until(page, SNAPSHOT_KEPT)
    page.evaluate(
        with_snapshot(
            """const bytes = new Uint8Array(2000000).map((_, i) => (i * 7919) % 256);
            await store.put(key, new Response(bytes));"""
        )
    )
    requests_seen.clear()
    open_calculator(page)
    _ask_ramp(page)
    _expect_the_ramp_answer(page)
    assert any(url.endswith(".whl") for url in requests_seen)  # started as on a first visit
    # A new snapshot, made by this start, in place of the corrupt one.
    wait_until(page, f"async () => ![0, 2000000].includes(await ({SNAPSHOT_BYTES})())")


#: Page script: the kept snapshot's checksum made right again after ``bytes`` were changed
#: (snapshot.js, checksum: FNV-1a over the 32-bit words before it), so that its reader accepts them.
FIX_CHECKSUM = """const body = bytes.length - 4;
          let hash = 0x811c9dc5;
          for (const word of new Uint32Array(bytes.buffer, 0, body / 4)) hash = Math.imul(hash ^ word, 0x01000193);
          new Uint32Array(bytes.buffer, body, 1)[0] = hash >>> 0;"""

#: How a kept snapshot is damaged, in page script over its ``bytes`` (and its ``count`` of runs).
DAMAGE = {
    # One byte of Python's memory changed: snapshot.js's checksum refuses it.
    "a flipped byte": "bytes[Math.floor(bytes.length / 2)] ^= 0x10;",
    # Pyodide's own header inside the kept form, the checksum made right: Pyodide refuses it
    # ("invalid magic number").
    "Pyodide's header": "bytes.fill(0x55, 4 * (3 + 2 * count), 4 * (3 + 2 * count) + 4);" + FIX_CHECKSUM,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_snapshot_is_replaced_not_trusted(
    page: Page, requests_seen: list[str], damage: str
) -> None:
    open_calculator(page)
    wait_until(page, SNAPSHOT_KEPT)
    page.evaluate(
        with_snapshot(
            """const bytes = new Uint8Array(await kept.arrayBuffer());
          const [, , count] = new Uint32Array(bytes.buffer, 0, 3);
          const first = new Uint32Array(bytes.buffer, 12, 2);
          if (first[0] !== 0) throw new Error("the snapshot's first block (Pyodide's header) was not kept");
          """
            + DAMAGE[damage]
            + """
          await store.put(key, new Response(bytes, { headers: { "X-Kept": "changed" } }));"""
        )
    )
    requests_seen.clear()
    open_calculator(page)
    _ask_ramp(page)
    _expect_the_ramp_answer(page)
    assert any(url.endswith(".whl") for url in requests_seen)  # started as on a first visit
    # A new snapshot, made by this start, in place of the damaged one.
    wait_until(page, with_snapshot('return Boolean(kept) && kept.headers.get("X-Kept") === null;'))


def test_an_older_builds_cache_is_deleted_and_never_used(page: Page, requests_seen: list[str]) -> None:
    # A cache left by an earlier build, holding a broken copy of every runtime file at their paths.
    page.goto("index.html")
    page.evaluate(
        """async () => {
          await (await caches.open("kneeload-snapshot-0000000000000000-0000000000000000"))
            .put(new URL("calculator/python-snapshot", location.href).href, new Response("old"));
          const store = await caches.open("kneeload-runtime-0000000000000000");
          await store.put(new URL("pyodide/0000000000000000/pyodide.asm.wasm", location.href).href,
            new Response("not wasm", { headers: { "Content-Type": "application/wasm" } }));
        }"""
    )
    open_calculator(page)
    _ask_ramp(page)
    wait_until(page, KEPT)
    # The new build's service worker deletes the older stores when it activates (on a busy machine,
    # a moment after this build's store is kept): wait for it, then look.
    wait_until(
        page, """async () => !(await caches.keys()).some((name) => name.includes("0000000000000000"))"""
    )
    names = page.evaluate("() => caches.keys()")
    assert [name for name in names if name.startswith("kneeload-runtime-")], names


#: The page's kept copies of the two scripts (their text; null: not kept).
KEPT_TEXTS = """async () => {
  const name = (await caches.keys()).find((name) => name.startsWith("kneeload-pages-"));
  const store = name && await caches.open(name);
  const text = async (file) => {
    const kept = store && await store.match(new URL(`../javascripts/${file}`, location.href).href);
    return kept ? kept.text() : null;
  };
  return [await text("answer.js"), await text("form.js")];
}"""


def test_a_page_file_is_kept_again_only_when_it_changed(page: Page) -> None:
    open_calculator(page)
    wait_until(page, f"async () => !(await ({KEPT_TEXTS})()).includes(null)")
    # Two kept copies replaced by markers: answer.js's with validators the file does not have (a
    # file changed since), form.js's with the ones the server sends for it now (unchanged).
    page.evaluate(
        """async () => {
          const name = (await caches.keys()).find((name) => name.startsWith("kneeload-pages-"));
          const store = await caches.open(name);
          const address = (file) => new URL(`../javascripts/${file}`, location.href).href;
          const live = await fetch(address("form.js"), { cache: "no-store" });
          await live.arrayBuffer();
          const headers = {};
          for (const header of ["ETag", "Last-Modified", "Content-Length"]) {
            if (live.headers.get(header)) headers[header] = live.headers.get(header);
          }
          await store.put(address("form.js"), new Response("the same file", { headers }));
          await store.put(address("answer.js"), new Response("an older file", { headers: {
            ETag: '"older"', "Last-Modified": "Mon, 01 Jan 2001 00:00:00 GMT", "Content-Length": "13" } }));
        }"""
    )
    open_calculator(page)  # a return visit: both scripts pass the service worker again
    wait_until(page, f"async () => (await ({KEPT_TEXTS})())[0] !== 'an older file'")
    answer_js, form_js = page.evaluate(KEPT_TEXTS)
    assert "export" in answer_js  # the file as served now
    assert form_js == "the same file"  # not written again


def test_reading_pages_never_register_it(page: Page, requests_seen: list[str]) -> None:
    page.goto("index.html")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    assert not [url for url in requests_seen if url.endswith("/sw.js")]


def test_the_downloaded_copy_has_no_service_worker(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / "download" / "kneeload-offline.zip") as opened:
        names = set(opened.namelist())
    assert "kneeload-offline/calculator/worker.js" in names
    assert not [name for name in names if name.endswith("/sw.js")]
    assert (built_site / "calculator" / "sw.js").is_file()


class _PageCountingHandler(_SiteHandler):
    """The site's handler, counting the requests for each page (path: count)."""

    pages: ClassVar[Counter[str]] = Counter()

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path.endswith(".html"):
            type(self).pages[path] += 1
        super().do_GET()


def test_a_calculator_never_opened_opens_when_the_site_is_gone(page: Page, built_site: Path) -> None:
    # Once one calculator has been opened, every calculator page is kept (sw.js, BUILD.pages).
    # The site's server is stopped, so nothing can come from the network, service worker included.
    pages = sorted(path.name for path in (built_site / "calculator").glob("*.html"))
    assert "spike.html" in pages and len(pages) >= 8
    _PageCountingHandler.pages.clear()
    with serve_directory(built_site, _PageCountingHandler) as url:
        open_calculator(page, url + "calculator/ramp.html")
        wanted = json.dumps([url + "calculator/" + name for name in pages])
        all_kept = f"""async () => {{
          const urls = {wanted};
          const name = (await caches.keys()).find((name) => name.startsWith("kneeload-pages-"));
          if (!name) return false;
          const store = await caches.open(name);
          for (const url of urls) if (!(await store.match(url))) return false;
          return true;
        }}"""
        wait_until(page, all_kept)
    # Each downloaded once (`make bench --requests` saw each twice before sw.js kept one message
    # at a time: a first visit tells the service worker twice; here the two seldom overlap).
    others = {f"/calculator/{name}": 1 for name in pages if name != "ramp.html"}
    assert {path: count for path, count in _PageCountingHandler.pages.items() if path in others} == others
    page.goto(url + "calculator/spike.html")
    expect(page.get_by_role("heading", level=1)).to_contain_text("spike", ignore_case=True)
    expect(page.locator("form[data-calculator]").first).to_have_attribute(
        "data-state", "ready", timeout=READY_TIMEOUT_MS
    )
    # An address with the inputs after # (a shared link, a reload after an answer) is the page's:
    # with the HTTP cache emptied, only the service worker's copy can answer it.
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    page.goto(url + "calculator/ramp.html#weeks=20&weeks=22&weeks=26&weeks=25")
    _expect_the_ramp_answer(page)


def test_a_page_kept_ahead_is_asked_for_again_once_its_copy_is_a_day_old(
    page: Page, built_site: Path
) -> None:
    # sw.js: a calculator page kept ahead and never opened since would keep its text for as long
    # as the build's runtime stays the same; its copy is renewed once a day old (its Date header).
    open_calculator(page)
    spike = page.evaluate("new URL('spike.html', location.href).href")
    pages_store = """async () => {
      const name = (await caches.keys()).find((name) => name.startsWith("kneeload-pages-"));
      return name ? await caches.open(name) : null;
    }"""
    kept_text = f"async () => {{ const store = await ({pages_store})(); const kept = store && await store.match({json.dumps(spike)}); return kept ? kept.text() : null; }}"
    wait_until(page, f"async () => (await ({kept_text})()) !== null")
    for days_old, renewed in ((0.5, False), (2, True)):
        page.evaluate(
            f"""async () => {{
              const store = await ({pages_store})();
              const date = new Date(Date.now() - {days_old} * 86400000).toUTCString();
              await store.put({json.dumps(spike)}, new Response("an older text", {{ headers: {{ "Content-Type": "text/html", Date: date }} }}));
            }}"""
        )
        open_calculator(page)
        if renewed:
            wait_until(page, f"async () => (await ({kept_text})()).includes('<h1')")
        else:
            page.wait_for_timeout(1500)  # time for the service worker to keep what it would
            assert page.evaluate(kept_text) == "an older text"
    assert page.evaluate(kept_text) == (built_site / "calculator" / "spike.html").read_text(encoding="utf-8")


class _PrettyAddressHandler(_SiteHandler):
    """A host with pretty addresses (as some static hosts set up): page.html answers with a
    permanent redirect to page, and page serves page.html."""

    def do_GET(self) -> None:
        path, _, query = self.path.partition("?")
        if path.endswith(".html") and not path.endswith("/index.html"):
            self.send_response(308)
            self.send_header("Location", path.removesuffix(".html") + (f"?{query}" if query else ""))
            self.end_headers()
            return
        folder = Path(self.directory)
        if path.startswith("/calculator/") and (folder / f"{path.lstrip('/')}.html").is_file():
            self.path = f"{path}.html" + (f"?{query}" if query else "")
        super().do_GET()


def test_on_a_host_with_pretty_addresses_a_calculator_never_opened_opens_when_the_site_is_gone(
    page: Page, built_site: Path
) -> None:
    # The pages kept ahead are kept as pages can be given them (not as redirects, which a page's
    # load refuses), and a link to page.html finds a page kept as page, and the other way round.
    with serve_directory(built_site, _PrettyAddressHandler) as url:
        open_calculator(page, url + "calculator/ramp.html")
        assert page.url.split("#")[0] == url + "calculator/ramp"
        kept = f"""async () => {{
          const name = (await caches.keys()).find((name) => name.startsWith("kneeload-pages-"));
          return Boolean(name) && Boolean(await (await caches.open(name)).match({json.dumps(url + "calculator/spike.html")}));
        }}"""
        wait_until(page, kept)
    for address in ("calculator/spike.html", "calculator/ramp.html", "calculator/spike"):
        page.goto(url + address)
        expect(page.locator("form[data-calculator]").first).to_have_attribute(
            "data-state", "ready", timeout=READY_TIMEOUT_MS
        )


class _CountingHandler(_SiteHandler):
    """The site's handler, counting the requests for the runtime's WebAssembly file."""

    wasm_requests = 0

    def do_GET(self) -> None:
        if self.path.split("?")[0].endswith(".wasm"):
            type(self).wasm_requests += 1
        super().do_GET()


def test_with_the_http_cache_emptied_the_wasm_comes_from_the_store_not_the_network(
    page: Page, built_site: Path
) -> None:
    # sw.js asks the HTTP cache for the .wasm with only-if-cached: never the network. A server of
    # its own (a new origin: no service worker yet) counts what reaches it.
    _CountingHandler.wasm_requests = 0
    with serve_directory(built_site, _CountingHandler) as url:
        open_calculator(page, url + "calculator/ramp.html")
        wait_until(page, KEPT)
        first_visit = _CountingHandler.wasm_requests
        assert first_visit >= 1
        page.context.new_cdp_session(page).send("Network.clearBrowserCache")
        open_calculator(page, url + "calculator/ramp.html")
        _ask_ramp(page)
        _expect_the_ramp_answer(page)
        assert _CountingHandler.wasm_requests == first_visit


def with_runtime_store(body: str) -> str:
    """Page script: an async function of one argument (``arg``) that runs ``body`` with the
    service worker's runtime store (``store``, sw.js: RUNTIME_STORE; null before there is one)."""
    return (
        "async (arg) => {\n"
        '  const name = (await caches.keys()).find((name) => name.startsWith("kneeload-runtime-"));\n'
        "  const store = name ? await caches.open(name) : null;\n"
        f"{body}\n}}"
    )


def test_a_runtime_store_that_lost_the_wasm_is_given_it_again(page: Page) -> None:
    # Site data cleared in part: the store lost the .wasm, which the HTTP cache still serves.
    open_calculator(page)
    wait_until(page, KEPT)
    has_wasm = with_runtime_store(
        "return Boolean(store) && (await store.keys()).some((request) => request.url.endsWith('.wasm'));"
    )
    assert page.evaluate(has_wasm)
    page.evaluate(
        with_runtime_store(
            "for (const request of await store.keys()) if (request.url.endsWith('.wasm')) await store.delete(request);"
        )
    )
    assert not page.evaluate(has_wasm)
    open_calculator(page)
    wait_until(page, has_wasm)


def stored(ending: str) -> str:
    """Page script: the runtime file whose address ends with ``ending``, as this browser's runtime
    store (sw.js) holds it: its address and the SHA-256 of its bytes, in hex (null: not kept)."""
    return with_runtime_store(
        f"""const request = (await store.keys()).find((request) => request.url.endsWith({json.dumps(ending)}));
  if (!request) return null;
  const digest = await crypto.subtle.digest("SHA-256", await (await store.match(request)).arrayBuffer());
  return {{ url: request.url, sha256: Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("") }};"""
    )


STORED_WHEEL = stored(".whl")


def test_a_wheel_damaged_in_the_runtime_store_is_downloaded_again(page: Page, built_site: Path) -> None:
    # The worker's download checks the wheel against the lock's sha256: a damaged copy in the
    # store is refused, let go, and the wheel downloaded and kept again, on the same visit.
    open_calculator(page)
    wait_until(page, KEPT)
    wheel = hashlib.sha256(next((built_site / "pyodide").glob("*/*.whl")).read_bytes()).hexdigest()
    stored = page.evaluate(STORED_WHEEL)
    assert stored["sha256"] == wheel
    _damage_the_stored_wheel(page)
    assert page.evaluate(STORED_WHEEL)["sha256"] != wheel
    open_calculator(page)
    _ask_ramp(page)
    _expect_the_ramp_answer(page)
    assert page.evaluate(STORED_WHEEL)["sha256"] == wheel


def _damage_the_stored_wheel(page: Page) -> None:
    """Flip one byte in the middle of the wheel this browser's runtime store keeps."""
    page.evaluate(
        with_runtime_store(
            """const request = (await store.keys()).find((request) => request.url.endsWith(".whl"));
  const bytes = new Uint8Array(await (await store.match(request)).arrayBuffer());
  bytes[bytes.length >> 1] ^= 0xff;
  await store.put(request, new Response(bytes, { headers: { "Content-Type": "application/zip" } }));"""
        )
    )


def test_a_wheel_damaged_in_the_store_with_no_network_leaves_the_snapshot_answering(
    page: Page, built_site: Path
) -> None:
    # No network to download it again: the worker refuses the damaged wheel, and the snapshot
    # (which imported the checks) answers on this visit and the next. The server is stopped.
    with serve_directory(built_site) as url:
        open_calculator(page, url + "calculator/ramp.html")
        wait_until(page, KEPT)
        wait_until(page, SNAPSHOT_KEPT)
        history_kept = f"""async () => {{
          const name = (await caches.keys()).find((name) => name.startsWith("kneeload-pages-"));
          return Boolean(name) && Boolean(await (await caches.open(name)).match({json.dumps(url + "calculator/history.html")}));
        }}"""
        wait_until(page, history_kept)
    _damage_the_stored_wheel(page)
    page.context.new_cdp_session(page).send("Network.clearBrowserCache")
    for _visit in range(2):
        open_calculator(page, url + "calculator/ramp.html")
        _ask_ramp(page)
        _expect_the_ramp_answer(page)
        assert page.evaluate(SNAPSHOT_KEPT)
    # The training log's readers were never imported into the snapshot: a plain message, no traceback.
    open_calculator(page, url + "calculator/history.html")
    page.get_by_label(re.compile("^Your export")).set_input_files(
        [{"name": "Activities.csv", "mimeType": "text/csv", "buffer": b"Activity Type,Date,Distance\n"}]
    )
    page.get_by_role("button", name="Read my training log").click()
    expect(page.locator("body")).to_contain_text(
        "The training log's reader could not be loaded in this browser"
    )
    expect(page.locator("body")).not_to_contain_text("Traceback")


def test_a_runtime_file_damaged_in_the_store_is_deleted_when_the_start_fails(
    page: Page, built_site: Path
) -> None:
    # Pyodide's module cut short in the store: the start fails, the worker finds the copy by its
    # SHA-256 (RUNTIME.sha256) and deletes it, and the reader's reload downloads it again.
    open_calculator(page)
    wait_until(page, KEPT)
    module = hashlib.sha256(next((built_site / "pyodide").glob("*/pyodide.asm.mjs")).read_bytes()).hexdigest()
    kept = page.evaluate(stored("/pyodide.asm.mjs"))
    assert kept["sha256"] == module
    page.evaluate(
        with_runtime_store(
            """const text = await (await store.match(arg)).text();
  await store.put(arg, new Response(text.slice(0, text.length >> 1), { headers: { "Content-Type": "text/javascript" } }));"""
        ),
        kept["url"],
    )
    page.goto("calculator/ramp.html")
    expect(page.locator("#ramp-form")).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT_MS)
    expect(page.locator("[data-calculator-status]").first).to_contain_text(
        "A damaged copy of the runtime kept by this browser was deleted. Reload the page to try again"
    )
    assert page.evaluate(stored("/pyodide.asm.mjs")) is None
    open_calculator(page)
    _ask_ramp(page)
    _expect_the_ramp_answer(page)
    assert page.evaluate(stored("/pyodide.asm.mjs"))["sha256"] == module


#: Chrome's trace event for a WebAssembly module compiled from its code cache (Blink,
#: v8_wasm_response_extensions.cc), and the category that records it.
CODE_CACHE_HIT = "v8.wasm.moduleCacheHit"
CODE_CACHE_CATEGORY = "disabled-by-default-devtools.timeline"


def _visit_traced(context: BrowserContext, url: str) -> set[str]:
    """Open the ramp calculator at ``url``, ask it, and return the names of the trace's events."""
    page = context.new_page()
    session = context.new_cdp_session(page)
    names: set[str] = set()
    ended: list[bool] = []
    session.on(
        "Tracing.dataCollected", lambda data: names.update(event.get("name", "") for event in data["value"])
    )
    session.on("Tracing.tracingComplete", lambda _: ended.append(True))
    session.send("Tracing.start", {"categories": CODE_CACHE_CATEGORY, "transferMode": "ReportEvents"})
    open_calculator(page, url)
    _ask_ramp(page)
    _expect_the_ramp_answer(page)
    wait_until(page, KEPT)
    session.send("Tracing.end")
    for _ in range(100):
        if ended:
            break
        page.wait_for_timeout(100)
    page.close()
    return names


def test_a_return_visit_compiles_no_webassembly_again(
    base_url: str, browser_type: BrowserType, browser_type_launch_args: dict[str, Any], tmp_path: Path
) -> None:
    # Chrome keeps the compiled runtime beside the HTTP cache's copy of the .wasm, for a response
    # it made itself: the worker counts bytes from a copy (worker.js) and the service worker
    # passes that cached copy on (sw.js). A new browser on the same profile, as a reader's return.
    url = base_url + "calculator/ramp.html"
    visits = []
    for _ in range(3):
        context = browser_type.launch_persistent_context(tmp_path, **browser_type_launch_args)
        try:
            visits.append(CODE_CACHE_HIT in _visit_traced(context, url))
        finally:
            context.close()
        if len(visits) > 1 and visits[-1]:
            break
    assert visits[0] is False  # the first visit compiles it (and so the test can fail)
    # Chrome writes its cache once enough of the module is compiled: by the second return at the latest.
    assert any(visits[1:]), visits
