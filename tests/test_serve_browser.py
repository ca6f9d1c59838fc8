"""The site in a real headless Chromium (Debian's chromium + chromium-driver, driven by Selenium):
open an event, follow a claim to its highlighted sentence, post a comment, moderate it, see it appear.
Screenshots go to $CLAIMLEDGER_SCREENSHOTS (default build/screenshots/ in the checkout).

Skipped, saying how to install them, where the browser or its driver is missing (``./run test``
installs both with apt-get when it runs as root)."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from claimledger.ledger import open_ledger
from claimledger.serve.security import PASSWORD_KEY, hash_password

from conftest import REPO
from serve_helpers import build_events_ledger

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--window-size=1280,1600"]
INSTALL = ("browser tests need Debian's chromium and chromium-driver and the selenium package: "
           "`apt-get install chromium chromium-driver` (./run test does it when run as root) and "
           "`pip install -e .[test]`")

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def shots() -> Path:
    out = Path(os.environ.get("CLAIMLEDGER_SCREENSHOTS") or REPO / "build" / "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "site.db"
    names, eid = build_events_ledger(path)
    with open_ledger(path) as led:
        led.set_site_value(PASSWORD_KEY, hash_password("browser-admin-pw"))
    port = _free_port()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "claimledger", "--db", str(path), "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            httpx.get(base + "/", timeout=2)
            break
        except httpx.TransportError:
            time.sleep(0.2)
    yield base, path, eid
    proc.terminate()
    proc.wait(timeout=15)


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        pytest.skip(INSTALL)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip(INSTALL)
    os.environ.setdefault("SE_OFFLINE", "true")          # never let Selenium Manager fetch anything
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait_for(browser, condition, what: str, seconds: float = 30):
    """Wait until ``condition(browser)`` holds (pages load later on a busy machine)."""
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, seconds, poll_frequency=0.1).until(condition, message=f"waited {seconds} s for {what}")


def test_event_claim_comment_moderation_in_chromium(server, browser, shots):
    from selenium.webdriver.common.by import By

    base, path, eid = server
    b = browser
    # 1. the event page: parties, timeline, map
    b.get(f"{base}/events/{eid}")
    assert "Who claims what" in b.page_source
    assert b.find_element(By.CSS_SELECTOR, "svg.timeline").is_displayed()
    assert b.find_element(By.CSS_SELECTOR, "svg.map").is_displayed()
    full = b.execute_script("return document.documentElement.scrollHeight")
    b.set_window_size(1280, min(full + 120, 8000))                     # the whole event page in one picture
    b.save_screenshot(str(shots / "1-event.png"))
    b.set_window_size(1280, 1600)

    # 2. follow a claim to its highlighted sentence
    link = b.find_element(By.CSS_SELECTOR, ".party-group .content-link")
    claim_text = link.text
    link.click()
    wait_for(b, lambda d: "/claims/" in d.current_url and d.find_elements(By.ID, "sentence"), "the claim page")
    assert b.current_url.endswith("#sentence")
    sentence = b.find_element(By.ID, "sentence")
    assert sentence.tag_name == "mark" and sentence.is_displayed()
    content = " ".join(e.text for e in b.find_elements(By.CSS_SELECTOR, ".doc-text .content"))
    assert claim_text.split()[0] in content
    wait_for(b, lambda d: 0 <= d.execute_script("return arguments[0].getBoundingClientRect().top", sentence)
             < d.execute_script("return window.innerHeight"), "the sentence scrolled into view")
    b.save_screenshot(str(shots / "2-claim-sentence.png"))
    claim_url = b.current_url.split("#")[0]

    # 3. a comment: missing name first (kept text, message), then complete
    b.find_element(By.ID, "comment").send_keys("Is the figure of 30 from the GUR alone?")
    b.find_element(By.ID, "email").send_keys("browser.reader@example.org")
    b.find_element(By.CSS_SELECTOR, ".comment-form button[type=submit]").click()
    wait_for(b, lambda d: "Please give your name." in d.page_source, "the missing-name message")
    assert b.find_element(By.ID, "comment").get_attribute("value") == "Is the figure of 30 from the GUR alone?"
    b.find_element(By.ID, "author").send_keys("Browser Reader")
    b.find_element(By.CSS_SELECTOR, ".comment-form button[type=submit]").click()
    wait_for(b, lambda d: "awaiting moderation" in d.page_source, "the awaiting-moderation notice")
    assert "Is the figure of 30 from the GUR alone?" not in b.find_element(By.ID, "comments").text.split("Leave a Reply")[0]
    b.save_screenshot(str(shots / "3-comment-pending.png"))

    # 4. the admin approves it
    b.get(f"{base}/admin/login")
    b.find_element(By.ID, "password").send_keys("browser-admin-pw")
    b.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for(b, lambda d: d.current_url.endswith("/admin"), "the moderation page after logging in")
    assert "Is the figure of 30 from the GUR alone?" in b.page_source
    assert "browser.reader@example.org" not in b.page_source
    b.save_screenshot(str(shots / "4-moderation.png"))
    b.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    wait_for(b, lambda d: "No pending comments." in d.page_source, "the empty queue after approving")

    # 5. and it appears, without the e-mail
    b.get(claim_url)
    comments = b.find_element(By.CSS_SELECTOR, ".comment-list").text
    assert "Is the figure of 30 from the GUR alone?" in comments and "Browser Reader" in comments
    assert "browser.reader@example.org" not in b.page_source
    b.find_element(By.ID, "comments").location_once_scrolled_into_view
    b.save_screenshot(str(shots / "5-comment-published.png"))
    for name in ("1-event", "2-claim-sentence", "3-comment-pending", "4-moderation", "5-comment-published"):
        assert (shots / f"{name}.png").stat().st_size > 10_000
