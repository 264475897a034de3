"""Embedding across two sites: a host page on http://localhost:PORT shows our checks from
http://127.0.0.1:PORT (two origins to the browser, one test server), with each snippet of the
Embed page. Every request must stay on those two origins."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, FrameLocator, Page, Route, expect

from tests.e2e.reader import READY_TIMEOUT_MS, axe_violations

#: Each check with answers in its address and what its answer must say (the hand calculations and
#: sources are those of the calculator pages' own end-to-end tests).
CASES = {
    # 20 -> 22 km is a 10 % rise, at the standard limit (within it); 22 x 1.1 = 24.2 km next.
    "ramp": ("weeks=20&weeks=22&unit=km&profile=standard", "up to 24.2 km"),
    # 20 -> 22 -> 24.2 -> 26.6 at 10 % a week: the target of 26 in 3 weeks.
    "plan": ("current=20&target=26", "in 3 weeks"),
    # 16 km after a longest run of 12 km is a third longer: the band above 30 %.
    "spike": ("planned=16&longest_30d=12", "More than 30 %"),
    # 20 / mean(12, 11, 14, 20) = 20 / 14.25 = 1.40.
    "acwr": ("period=week&loads=10%2C12%2C11%2C14%2C20", "1.4"),
    # A locked knee: seen today (NHS).
    "redflags": ("answers.locked=yes", "today"),
    # Pain on the outer side: ITB syndrome among the answers.
    "where": ("location=outside", "Iliotibial band syndrome"),
    # 400-500 miles is about 643.7-804.7 km; (643.7 - 250) / 30 = 13.1: in about 13 weeks.
    "shoes": ("distance_on_pair=250&weekly=30&unit=km", "in about 13 weeks"),
    # Tired much of the time: ease off.
    "overtraining": ("signs.fatigue=yes", "ease off"),
}


@dataclass
class Sites:
    """Our site (the frames) and the host's (the page around them), on one test server."""

    ours: str
    host: str
    folder: Path
    blocked: list[str] = field(default_factory=list)

    def host_page(self, name: str, body: str, *, style: str = "", head: str = "") -> str:
        """Write a host page (served from the host's origin); return its address."""
        self.folder.mkdir(exist_ok=True)
        (self.folder / f"{name}.html").write_text(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width,initial-scale=1'>"
            f"{head}<title>A running club</title><style>body {{ font-family: sans-serif; margin: 16px; }} {style}</style>"
            f"</head><body><h1>A running club</h1><p>Our favourite check:</p>{body}</body></html>",
            encoding="utf-8",
        )
        return f"{self.host}/{self.folder.name}/{name}.html"

    def embed(self, check: str, fragment: str = "") -> str:
        return f"{self.ours}/embed/{check}.html" + (f"#{fragment}" if fragment else "")

    def script(self) -> str:
        return f'<script src="{self.ours}/javascripts/embed.js" async></script>'


@pytest.fixture
def sites(context: BrowserContext, base_url: str, built_site: Path) -> Iterator[Sites]:
    ours = base_url.rstrip("/")
    found = Sites(ours=ours, host=ours.replace("127.0.0.1", "localhost"), folder=built_site / "e2e-hosts")

    def guard(route: Route) -> None:
        if route.request.url.startswith((found.ours + "/", found.host + "/", "data:", "blob:", "about:")):
            route.continue_()
        else:
            found.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    yield found
    assert found.blocked == [], "requests left the two test origins"


def plain_iframe(sites: Sites, check: str, fragment: str = "", *, extra: str = "") -> str:
    """The Embed page's first snippet."""
    return (
        f'<iframe id="plain" src="{sites.embed(check, fragment)}" title="{check} (kneeload)" {extra}'
        ' style="width: 100%; height: 40rem; border: 0; frame-sizing: content-height"></iframe>'
    )


def link_and_script(sites: Sites, check: str, fragment: str = "") -> str:
    """The Embed page's second snippet."""
    return f'<a data-kneeload-embed href="{sites.embed(check, fragment)}">{check} on kneeload</a>{sites.script()}'


def frame_answer(frame: FrameLocator, expected: str) -> None:
    expect(frame.locator("section.kl-answer")).to_be_visible(timeout=READY_TIMEOUT_MS)
    expect(frame.locator("section.kl-answer")).to_contain_text(expected)


def scripted_frame(page: Page) -> FrameLocator:
    return page.frame_locator("iframe[data-kneeload-embed]")


@pytest.mark.parametrize("check", CASES)
def test_each_check_answers_inside_each_snippet_and_the_scripted_frame_fits(
    page: Page, sites: Sites, check: str
) -> None:
    fragment, expected = CASES[check]
    page.goto(
        sites.host_page(
            f"both-{check}", plain_iframe(sites, check, fragment) + link_and_script(sites, check, fragment)
        )
    )
    frame_answer(page.frame_locator("#plain"), expected)
    # Below the first frame: it starts its calculator once it is scrolled into view.
    page.locator("iframe[data-kneeload-embed]").scroll_into_view_if_needed()
    scripted = scripted_frame(page)
    frame_answer(scripted, expected)
    # The frame grows to its content: the whole answer shows, with nothing to scroll inside it.
    content = scripted.locator(".kl-embed")
    expect(content).to_contain_text(expected)
    page.wait_for_function(
        """() => {
            const frame = document.querySelector("iframe[data-kneeload-embed]");
            return frame && frame.getBoundingClientRect().height > 640;
        }"""
    )
    tall = content.evaluate("(main) => Math.ceil(main.getBoundingClientRect().height)")
    page.wait_for_function(
        "(tall) => Math.abs(document.querySelector('iframe[data-kneeload-embed]').getBoundingClientRect().height - tall) <= 1",
        arg=tall,
    )
    assert scripted.locator("html").evaluate("(html) => html.scrollHeight <= window.innerHeight + 1")
    # Answers shown from the address leave the focus with the host page.
    assert page.evaluate("document.activeElement === document.body")
    # Out of the frame: the check on our site, in a new tab, with the same answers.
    open_link = scripted.get_by_role("link", name="Open this check on kneeload")
    expect(open_link).to_have_attribute("target", "_blank")
    expect(open_link).to_have_attribute("href", re.compile(rf"/calculator/{check}\.html#.+"))
    expect(scripted.locator("footer").get_by_role("link", name="When to see a clinician")).to_have_attribute(
        "rel", "noopener"
    )
    expect(
        scripted.locator("footer").get_by_text("A guide, not a diagnosis or medical advice.")
    ).to_be_visible()


def test_the_host_gets_answers_through_post_message(page: Page, sites: Sites) -> None:
    page.goto(sites.host_page("ask", link_and_script(sites, "ramp") + plain_iframe(sites, "spike")))
    answer: dict[str, Any] = page.evaluate(
        """() => kneeload.request(document.querySelector("iframe[data-kneeload-embed]"),
                                  { check: "ramp", weeks: [20, 22], unit: "km" })"""
    )
    assert answer["ok"] is True
    assert "24.2" in answer["result"]["summary"]
    # Without our script: the raw messages, to the plain frame, answered to this page's origin only.
    raw: list[dict[str, Any]] = page.evaluate(
        """(ours) => new Promise((resolve) => {
            const frame = document.getElementById("plain");
            const seen = [];
            window.addEventListener("message", (event) => {
                if (event.origin !== ours || event.source !== frame.contentWindow) return;
                seen.push(event.data);
                if (event.data.type === "ready" && seen.filter((m) => m.type === "ready").length === 1) {
                    frame.contentWindow.postMessage({ kneeload: 1, type: "request", id: "bad",
                                                      request: { check: "spike", planned: "far" } }, ours);
                    frame.contentWindow.postMessage({ kneeload: 1, type: "request", id: "good",
                                                      request: { check: "spike", planned: 16, longest_30d: 12 } }, ours);
                }
                if (event.data.type === "answer" && event.data.id === "good") resolve(seen);
            });
            frame.contentWindow.postMessage({ kneeload: 1, type: "hello" }, ours);
        })""",
        sites.ours,
    )
    answers = {message["id"]: message["answer"] for message in raw if message["type"] == "answer"}
    assert answers["bad"]["ok"] is False and answers["bad"]["errors"]
    assert answers["good"]["ok"] is True and "30 %" in answers["good"]["result"]["summary"] + str(
        answers["good"]["result"]["table"]
    )


FORGER = """<iframe id="forger" sandbox="allow-scripts" srcdoc="<script>
  const got = [];
  addEventListener('message', (event) => {
    if (event.source !== parent) { got.push(event.data); return; }
    if (event.data === 'forge') {
      for (let id = 1; id <= 5; id++)
        parent.postMessage({kneeload: 1, type: 'answer', id, answer: {ok: true, check: 'ramp', result: {summary: 'forged'}}}, '*');
      parent.postMessage({kneeload: 1, type: 'size', height: 5}, '*');
      for (let i = 0; i < parent.frames.length; i++) {
        if (parent.frames[i] === window) continue;
        parent.frames[i].postMessage({kneeload: 1, type: 'request', id: 'forged', request: {check: 'ramp', weeks: [20, 22]}}, '*');
        parent.frames[i].postMessage({kneeload: 1, type: 'hello'}, '*');
      }
    }
    if (event.data === 'report') parent.postMessage({report: got}, '*');
  });
</script>"></iframe>"""


def test_forged_and_malformed_messages_are_ignored(page: Page, sites: Sites) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(sites.host_page("forged", link_and_script(sites, "ramp") + FORGER))
    frame = page.locator("iframe[data-kneeload-embed]")
    result: dict[str, Any] = page.evaluate(
        """async (ours) => {
            const frame = document.querySelector("iframe[data-kneeload-embed]");
            const fromFrame = [];
            window.addEventListener("message", (event) => {
                if (event.source === frame.contentWindow) fromFrame.push(event.data);
            });
            // Our page's own malformed messages: no answer, no harm.
            for (const bad of ["request", 42, null, [1], { kneeload: 1, type: "request" },
                               { kneeload: 1, type: "request", id: {}, request: { check: "ramp" } },
                               { kneeload: 1, type: "request", id: 1, request: "check=ramp" },
                               { kneeload: 1, type: "request", id: 1, request: { weeks: [20] } },
                               { kneeload: 2, type: "request", id: 1, request: { check: "ramp" } }]) {
                frame.contentWindow.postMessage(bad, ours);
            }
            const forger = document.getElementById("forger").contentWindow;
            const asked = kneeload.request(frame, { check: "ramp", weeks: [20, 22], unit: "km" });
            forger.postMessage("forge", "*");
            const answer = await asked;
            const second = await kneeload.request(frame, { check: "ramp", weeks: [30, 31], unit: "km" });
            // A request the frame would ignore is refused at once by embed.js, never left pending.
            const refused = await Promise.all([{ check: 5 }, "check=ramp", null, [{ check: "ramp" }]].map(
                (bad) => kneeload.request(frame, bad).then(() => "answered", (error) => error.message)));
            const report = new Promise((resolve) => window.addEventListener("message", (event) => {
                if (event.source === forger && event.data && event.data.report) resolve(event.data.report);
            }));
            forger.postMessage("report", "*");
            return { answer, second, refused, forgerGot: await report,
                     answersFromFrame: fromFrame.filter((m) => m.type === "answer").length };
        }""",
        sites.ours,
    )
    assert result["answer"]["result"]["summary"] != "forged"
    assert "24.2" in result["answer"]["result"]["summary"]
    assert result["second"]["ok"] is True
    assert all("needs a request object naming its check" in reason for reason in result["refused"]), result[
        "refused"
    ]
    # Two requests, two answers: none for the malformed ones.
    assert result["answersFromFrame"] == 2
    # The other origin's request and hello went unanswered.
    assert result["forgerGot"] == []
    assert frame.bounding_box()["height"] > 100  # type: ignore[index]
    assert errors == []


@pytest.mark.parametrize(("scheme", "theme"), [("dark", "auto"), ("light", "dark")])
def test_a_dark_host_shows_no_white_box(page: Page, sites: Sites, scheme: str, theme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    body = plain_iframe(sites, "spike", f"theme={theme}")
    page.goto(
        sites.host_page(
            f"dark-{scheme}-{theme}",
            body,
            style="html { background: #121212; color: #eee; color-scheme: dark; }",
        )
    )
    frame = page.frame_locator("#plain")
    expect(frame.locator("[data-calculator-status]")).to_have_text(
        "The calculator is ready.", timeout=READY_TIMEOUT_MS
    )
    shot = page.locator("#plain").screenshot()
    # The frame's pixels, read back in the page: the share that is light (as a white box would be).
    light_share: float = page.evaluate(
        """async (png) => {
            const image = new Image();
            image.src = "data:image/png;base64," + png;
            await image.decode();
            const canvas = Object.assign(document.createElement("canvas"), { width: image.width, height: image.height });
            const context = canvas.getContext("2d");
            context.drawImage(image, 0, 0);
            const { data } = context.getImageData(0, 0, image.width, image.height);
            let light = 0;
            for (let i = 0; i < data.length; i += 4) {
                const luminance = (0.2126 * data[i] + 0.7152 * data[i + 1] + 0.0722 * data[i + 2]) / 255;
                if (luminance > 0.6) light++;
            }
            return light / (data.length / 4);
        }""",
        base64.b64encode(shot).decode("ascii"),
    )
    # Light text on a dark card is a few per cent of the pixels; a white box would be most of them.
    assert light_share < 0.1


def test_a_sandboxed_frame_says_it_cannot_run_and_its_form_is_off(page: Page, sites: Sites) -> None:
    body = plain_iframe(sites, "ramp", extra='sandbox="allow-scripts"').replace('id="plain"', 'id="scripts"')
    body += plain_iframe(sites, "ramp", extra='sandbox=""').replace('id="plain"', 'id="bare"')
    page.goto(sites.host_page("sandboxed", body))
    for name in ("scripts", "bare"):
        frame = page.frame_locator(f"#{name}")
        expect(frame.get_by_text("This calculator cannot run inside this frame")).to_be_visible()
        expect(frame.get_by_label("Week 1", exact=True)).to_be_disabled()
        expect(frame.get_by_role("button", name="Check my weeks")).to_be_disabled()
        expect(frame.get_by_role("link", name="Open this check on kneeload")).to_be_visible()
        expect(frame.get_by_text("Loading the calculator")).to_have_count(0)


def test_the_runtime_starts_only_when_the_frame_is_seen(page: Page, sites: Sites) -> None:
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    body = '<div style="height: 4000px">Scroll down.</div>' + plain_iframe(
        sites, "ramp", "weeks=20&weeks=22&unit=km"
    )
    page.goto(sites.host_page("far-down", body))
    frame = page.frame_locator("#plain")
    expect(frame.locator("html")).to_have_attribute("data-embed-state", "wired")
    assert not [url for url in requested if "/pyodide/" in url or url.endswith("/worker.js")]
    page.locator("#plain").scroll_into_view_if_needed()
    frame_answer(frame, "up to 24.2 km")
    assert [url for url in requested if "/pyodide/" in url]


def test_an_old_query_link_and_its_theme_still_work(page: Page, sites: Sites) -> None:
    body = plain_iframe(sites, "spike").replace(
        "spike.html", "spike.html?planned=16&longest_30d=12&theme=dark"
    )
    page.goto(sites.host_page("query", body))
    frame = page.frame_locator("#plain")
    frame_answer(frame, "More than 30 %")
    expect(frame.locator("html")).to_have_attribute("data-md-color-scheme", "slate")
    # After the answer the frame's address holds the inputs and still the theme: a reload keeps it.
    embed = next(item for item in page.frames if "/embed/spike.html" in item.url)
    assert "theme=dark" in embed.url.partition("#")[2], embed.url
    embed.evaluate("document.documentElement.dataset.beforeReload = '1'; setTimeout(() => location.reload())")
    expect(frame.locator("html[data-before-reload]")).to_have_count(0)
    frame_answer(frame, "More than 30 %")
    expect(frame.locator("html")).to_have_attribute("data-md-color-scheme", "slate")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_embed_page_with_its_answer_passes_axe(page: Page, sites: Sites, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.goto(sites.embed("acwr", "period=week&loads=10%2C12%2C11%2C14%2C20"))
    expect(page.locator("section.kl-answer")).to_be_visible(timeout=READY_TIMEOUT_MS)
    assert axe_violations(page) == []


def test_a_host_whose_csp_refuses_our_frame_keeps_the_link(page: Page, sites: Sites) -> None:
    csp = f"<meta http-equiv='Content-Security-Policy' content=\"frame-src 'none'; script-src {sites.ours}\">"
    page.goto(sites.host_page("strict-csp", link_and_script(sites, "ramp"), head=csp))
    expect(page.get_by_role("link", name="ramp on kneeload")).to_be_visible()
    expect(page.locator("iframe")).to_have_count(0)


def test_the_embed_page_builds_the_snippets_and_previews_them(page: Page, sites: Sites) -> None:
    page.goto(f"{sites.ours}/calculator/embed.html")
    # The preview's frame is made by embed.js from a link; each change below then goes to the
    # frame (changed before the frame is made, the link's first address won: a CI run's failure).
    expect(page.locator("[data-embed-preview] iframe")).to_be_attached()
    page.get_by_label("Colours").select_option("dark")
    pasted = page.get_by_label("Answers to fill in (optional)")
    pasted.fill("not an address")
    expect(page.get_by_role("status")).to_contain_text("No answers found in that address")
    # The spike page's address, with the ramp check still chosen: it chooses the spike check (a
    # break test found an empty ramp form in the snippet).
    pasted.fill(f"{sites.ours}/calculator/spike.html#planned=16&longest_30d=12")
    pasted.press("Tab")
    expect(page.get_by_label("Check", exact=True)).to_have_value("spike")
    expect(page.get_by_role("status")).to_have_text("")
    # Another check chosen afterwards is told the answers are not its own (a second break test).
    page.get_by_label("Check", exact=True).select_option("shoes")
    expect(page.get_by_role("status")).to_contain_text("fill in that check only")
    page.get_by_label("Check", exact=True).select_option("spike")
    expect(page.get_by_role("status")).to_have_text("")
    address = f"{sites.ours}/embed/spike.html#planned=16&amp;longest_30d=12&amp;theme=dark"
    expect(page.locator("[data-snippet=iframe] code")).to_contain_text(f'<iframe src="{address}"')
    expect(page.locator("[data-snippet=script] code")).to_contain_text(f"{sites.ours}/javascripts/embed.js")
    preview = page.locator("[data-embed-preview] iframe")
    preview.scroll_into_view_if_needed()
    frame_answer(page.frame_locator("[data-embed-preview] iframe"), "More than 30 %")
    expect(page.frame_locator("[data-embed-preview] iframe").locator("html")).to_have_attribute(
        "data-md-color-scheme", "slate"
    )


def test_a_host_that_changes_the_address_while_the_frame_loads_gets_the_new_theme_too(
    page: Page, sites: Sites
) -> None:
    # The host (or the Embed page's preview) changes what follows the # before the frame's modules
    # have run. Found as a CI failure of the preview test: the frame answered the new inputs in the
    # old theme, having missed the change (its listener was in a module).
    held: list[Route] = []

    def hold_once(route: Route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    page.context.route(re.compile(r".*/javascripts/embed-frame\.js$"), hold_once)
    page.goto(sites.host_page("changes-early", plain_iframe(sites, "spike")), wait_until="domcontentloaded")
    frame = page.frame_locator("#plain")
    expect(frame.locator("html")).to_have_attribute("data-md-color-scheme", "default")
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(50)
    assert held, "the frame never asked for its module"
    page.evaluate(
        "src => { document.getElementById('plain').src = src; }",
        sites.embed("spike", "planned=16&longest_30d=12&theme=dark"),
    )
    # The change reaches the frame while its module is still held.
    embed = next(item for item in page.frames if "/embed/spike.html" in item.url)
    for _ in range(200):
        if "theme=dark" in embed.url:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    frame_answer(frame, "More than 30 %")
    expect(frame.locator("html")).to_have_attribute("data-md-color-scheme", "slate")
