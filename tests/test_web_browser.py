"""The web workbench in a real browser: Playwright driving Debian's Chromium
(/usr/bin/chromium, never a downloaded browser) against `tacitus serve`'s app, run by
uvicorn in a thread on a free local port over the demo database of test_web_api.

Screenshots go to test-artifacts/web/. When Chromium is missing, the test installs it
with apt-get if it runs as root, and otherwise skips with the reason."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_web_api import FakeExtractor, make_demo_db

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "web"
CHROMIUM = Path("/usr/bin/chromium")
EXAMPLE = ROOT.parent / "shared" / "examples" / "kim-putin-2023.txt"


def _ensure_chromium() -> str | None:
    """None when Chromium is there (installing it if we may), else why not."""
    if CHROMIUM.exists():
        return None
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("apt-get"):
        return f"{CHROMIUM} is missing and this user cannot apt-get install chromium"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        try:
            subprocess.run(cmd, check=True, env=env, capture_output=True, timeout=900)
        except (subprocess.SubprocessError, OSError) as err:
            return f"could not install chromium with apt-get ({err})"
    return None if CHROMIUM.exists() else "apt-get install chromium did not provide /usr/bin/chromium"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> Iterator[str]:
    import uvicorn

    from tacitus.web.app import create_app

    db = make_demo_db(tmp_path_factory.mktemp("browser") / "demo.duckdb")
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, extractor=FakeExtractor()), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the Python package playwright is not installed")
    reason = _ensure_chromium()
    if reason:
        pytest.skip(reason)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM),
                              args=["--no-sandbox", "--headless", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
    pg.set_default_timeout(10_000)
    pg.problems = problems  # type: ignore[attr-defined]  # a test may drop the failures it provoked
    yield pg
    context.close()
    assert problems == [], problems  # no script error, no CSP violation, no alert from article text


def shot(page, name: str) -> None:
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 5_000


def test_filter_and_sort_the_event_table(page):
    page.goto("/")
    rows = page.locator("#events-table tbody tr[data-event-id]")
    assert rows.count() == 8
    page.fill("input[name=country]", "UKR")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**country=UKR**")
    assert rows.count() == 3
    page.select_option("select[name=type]", "ASSAULT")  # drop-downs submit by themselves
    page.wait_for_url("**type=ASSAULT**")
    assert rows.count() == 1
    assert "Kharkiv" in rows.first.inner_text()
    page.select_option("select[name=type]", "")
    page.wait_for_function("!location.search.includes('type=ASSAULT')")
    page.click("th >> text=Goldstein")
    page.wait_for_url("**sort=goldstein**")
    scores = [float(t) for t in page.locator("#events-table tbody td.num:nth-child(7)").all_inner_texts()]
    assert scores == sorted(scores) and len(scores) == 3
    assert "country=UKR" in page.get_attribute("#csv-export", "href")
    shot(page, "01-event-table")


def test_article_view_highlights_trigger_and_evidence(page):
    page.goto("/articles/kim-putin")
    trigger = page.locator("#article-text .hl-trigger", has_text="met")
    assert trigger.count() == 1 and trigger.is_visible()
    color = trigger.evaluate("el => getComputedStyle(el).backgroundColor")
    assert color not in ("rgba(0, 0, 0, 0)", "transparent")
    # untrusted text is shown as text: the script tag is visible, not run
    assert "<script>alert('pwned')</script>" in page.inner_text("#article-text")
    assert page.locator("#article-text b").count() == 0
    page.click(".event-item:has-text('CONSULT')")
    assert "active" in trigger.get_attribute("class")
    assert page.locator(".event-item.active").inner_text().count("CONSULT") == 1
    assert "event=" in page.url
    active_text = " ".join(page.locator("#article-text .seg.active").all_inner_texts())
    assert "Vostochny Cosmodrome" in active_text and "thanks" not in active_text
    shot(page, "02-article")


def test_dyad_chart(page):
    page.goto("/dyads")
    page.fill("input[name=a]", "RUS")
    page.fill("input[name=b]", "PRK")
    page.select_option("select[name=by]", "month")
    page.click("form button[type=submit]")
    page.wait_for_selector("#dyad-chart")
    assert page.locator("#dyad-chart rect.bar").count() == 2
    assert page.locator("#dyad-chart polyline.goldstein").count() == 1
    box = page.locator("#dyad-chart").bounding_box()
    assert box and box["width"] > 600 and box["height"] > 150
    periods = page.locator("table.series tbody tr").all_inner_texts()  # periods with events
    assert periods[0].startswith("2023-09-01") and periods[1].startswith("2023-11-01")
    shot(page, "03-dyad")


def test_map_with_basemap_and_popups(page):
    page.goto("/map")
    assert page.locator("#world-map .countries path").count() > 150
    points = page.locator("#world-map a.point")
    assert points.count() == 3
    page.locator("#world-map a.point[data-name='Kharkiv'] circle").click()
    popup = page.locator("#map-popup")
    assert popup.is_visible()
    assert "Kharkiv" in popup.inner_text() and "material conflict" in popup.inner_text()
    shot(page, "04-map")
    page.locator("#map-popup a").click()
    page.wait_for_url("**location=Kharkiv**")
    assert page.locator("#events-table tbody tr[data-event-id]").count() == 1


def test_paste_an_article_and_get_its_events(page):
    text = EXAMPLE.read_text("utf-8") if EXAMPLE.exists() else (
        "Vladimir Putin met Kim Jong-un at the Vostochny Cosmodrome on Wednesday. They talked.")
    page.goto("/extract")
    page.fill("input[name=title]", "Kim Jong un thanks Putin")
    page.fill("textarea[name=text]", text)
    page.click("#extract-form button[type=submit]")
    page.wait_for_selector("#extract-results:not([hidden]) tbody tr")
    rows = page.locator("#extract-results tbody tr")
    assert rows.count() >= 1
    assert "CONSULT" in rows.first.inner_text()
    assert "event" in page.inner_text("#extract-status")
    assert page.url.endswith("/extract")  # fetched in place, not a form post
    shot(page, "05-extract")
    page.fill("textarea[name=text]", "   ")
    page.click("#extract-form button[type=submit]")
    page.wait_for_selector("#extract-error:not([hidden])")
    assert "no text" in page.inner_text("#extract-error")
    page.problems[:] = [p for p in page.problems if "status of 400" not in p]  # the refusal we asked for
