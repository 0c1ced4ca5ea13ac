"""The web page in a real browser against the real server: `drafter serve` (waitress) in its own
process and headless Chromium. An officer fills the form and downloads a .docx, uploads a draft and
sees its findings, compares two plans, and switches the language; the console stays clean."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest
from docx import Document

from browser import chromium, console_errors
from testkit import SAMPLES

ADDRESS = re.compile(r"serving on (http://127\.0\.0\.1:\d+/)")


@contextmanager
def serving(folder, *options, env=None):
    """`drafter serve` in a session of its own, its stderr piped; on leaving, Ctrl-C's signal goes to
    the whole group, workers included, as a terminal sends it: the server must stop with exit 0."""
    process = subprocess.Popen([sys.executable, "-m", "drafter", "serve", *options], cwd=folder,
                               stderr=subprocess.PIPE, text=True, start_new_session=True, env=env)
    try:
        yield process
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            assert process.wait(timeout=30) == 0
        finally:
            process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`drafter serve --port 0` (any free port); stopped at the end with no traceback from any process."""
    with serving(tmp_path_factory.mktemp("serve"), "--port", "0", "--workers", "2") as process:
        line = process.stderr.readline()
        match = ADDRESS.search(line)
        assert match, f"serve printed {line!r}"
        yield match.group(1)
    rest = process.stderr.read()
    assert "Traceback" not in rest and rest.strip().endswith("stopped"), rest[-2000:]


@pytest.fixture()
def browser(tmp_path):
    driver = chromium(downloads=tmp_path)
    yield driver
    driver.quit()


def wait_for(condition, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def downloaded(folder, suffix):
    return wait_for(lambda: [p for p in folder.iterdir() if p.suffix == suffix and p.stat().st_size])[0]


def test_the_draft_form_gives_a_docx_with_the_right_title(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.get(server)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "zh-CN"
    wait_for(lambda: browser.execute_script("return editor !== null && editor.ready"))
    Select(browser.find_element(By.ID, "sample")).select_by_value("jiangmen")
    wait_for(lambda: "江门市" in browser.execute_script("return JSON.stringify(editor.getValue())"))
    browser.find_element(By.ID, "get-docx").click()
    docx = downloaded(tmp_path, ".docx")
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert any("江门市碳达峰实施方案" in p for p in paragraphs[:12])
    assert not console_errors(browser)


def test_an_uploaded_draft_shows_its_findings_and_its_reviewed_copy(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    draft = tmp_path / "county-draft.md"
    draft.write_text("# 示例县碳达峰实施方案\n\n一、总体要求\n\n【待补充：目标】\n", encoding="utf-8")
    browser.get(server)
    browser.find_element(By.CSS_SELECTOR, '.tab[data-tab="review"]').click()
    browser.find_element(By.ID, "drafts").send_keys(str(draft))
    browser.find_element(By.ID, "author").send_keys("李审核")
    browser.find_element(By.ID, "check").click()
    frame = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#findings iframe"))[0]
    browser.switch_to.frame(frame)
    findings = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "li.finding"))
    assert {f.get_attribute("data-rule") for f in findings} >= {"required-section", "placeholder"}
    browser.switch_to.default_content()
    browser.find_element(By.CSS_SELECTOR, "#findings button").click()
    reviewed = downloaded(tmp_path, ".docx")
    comments = Document(str(reviewed)).comments
    assert len(comments) >= 2 and {c.author for c in comments} == {"李审核"}
    assert not console_errors(browser)


def test_two_plans_are_compared_with_a_chart(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "?lang=en")
    browser.find_element(By.CSS_SELECTOR, '.tab[data-tab="compare"]').click()
    browser.find_element(By.ID, "plans").send_keys(f"{SAMPLES / 'jiangmen.yaml'}\n{SAMPLES / 'dezhou.yaml'}")
    browser.find_element(By.ID, "run-compare").click()
    rows = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "#comparison tbody tr"))
    assert any(r.text.startswith("energy_intensity_reduction 2025") for r in rows)
    chart = browser.find_element(By.CSS_SELECTOR, "#comparison .chart img")
    assert browser.execute_script("return arguments[0].naturalWidth", chart) > 0
    assert not console_errors(browser)


def form_showing(browser, word: str) -> str:
    """The form's text once it shows `word`."""
    from selenium.webdriver.common.by import By

    return wait_for(lambda: word in browser.find_element(By.ID, "editor").text
                    and browser.find_element(By.ID, "editor").text)


def test_one_click_switches_the_language(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server)
    assert browser.find_element(By.CSS_SELECTOR, '.tab[data-tab="draft"]').text == "起草"
    form = form_showing(browser, "地区")
    assert "折叠" in form and "Locality" not in form
    browser.find_element(By.ID, "switch").click()
    wait_for(lambda: browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert browser.find_element(By.CSS_SELECTOR, '.tab[data-tab="draft"]').text == "Draft"
    form = form_showing(browser, "Locality")  # the form built again, not whatever text is there first
    assert "Collapse" in form and "地区" not in form
    assert not console_errors(browser)


def test_serve_refuses_the_network_without_a_token(tmp_path):
    result = subprocess.run([sys.executable, "-m", "drafter", "serve", "--host", "0.0.0.0", "--port", "0"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60, env=os.environ)
    assert result.returncode == 2 and "--token" in result.stderr and "Traceback" not in result.stderr


def test_serve_on_a_port_in_use_is_one_line(tmp_path):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = subprocess.run([sys.executable, "-m", "drafter", "serve", "--port", port, "--workers", "1"],
                                cwd=tmp_path, capture_output=True, text=True, timeout=60, env=os.environ)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and f"port {port}" in result.stderr and "--port" in result.stderr


def test_serve_open_hands_the_address_to_the_users_browser(tmp_path):
    """--open goes through the browser the user chose ($BROWSER here: a script noting the address)."""
    seen = tmp_path / "opened.txt"
    opener = tmp_path / "opener.sh"
    opener.write_text(f'#!/bin/sh\necho "$1" > "{seen}"\n', encoding="utf-8")
    opener.chmod(0o755)
    with serving(tmp_path, "--port", "0", "--workers", "1", "--open",
                 env={**os.environ, "BROWSER": f"{opener} %s"}) as process:
        address = ADDRESS.search(process.stderr.readline()).group(1)
        assert wait_for(lambda: seen.exists() and seen.read_text(encoding="utf-8").strip(), 30) == address


def test_serve_on_the_network_with_a_token_warns(tmp_path):
    # stopped at once, while the worker is still starting: a clean stop, no traceback from anyone
    with serving(tmp_path, "--host", "0.0.0.0", "--port", "0", "--token", "office-secret", "--workers", "1") as process:
        first, second = process.stderr.readline(), process.stderr.readline()
        assert first.startswith("warning: listening on 0.0.0.0") and "token" in first
        assert "serving on http://0.0.0.0:" in second
    assert process.stderr.read().strip() == "stopped"
