"""validate --format html: one self-contained page (no network: inline CSS, no script, font or
image from elsewhere), the outline as a tree with each finding at its section, colour by severity,
the targets table and the summary; checked as text and in a real headless browser."""

from __future__ import annotations

import re

import pytest
from docx import Document

from drafter import api
from drafter.api import Settings
from drafter.cli import main
from browser import chromium, console_errors
from testkit import skeleton_params, write



@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """A clean plan, and the same plan with a placeholder and without its transport action."""
    settings = Settings(lang="zh")
    folder = tmp_path_factory.mktemp("html")
    clean = folder / "clean.docx"
    clean.write_bytes(api.render(api.generate(skeleton_params("jiangmen"), settings), "docx", settings))
    document = Document(str(clean))
    for p in document.paragraphs:
        if p.text.endswith("交通运输绿色低碳行动"):
            p.text = "交通运输"  # no longer an action the reader recognises
        elif "2025年" in p.text and "14%" in p.text:
            run = next(r for r in p.runs if "14%" in r.text)
            run.text = run.text.replace("14%", "【待补充：目标】")
    flawed = folder / "flawed <b>.docx"
    document.save(str(flawed))
    return clean, flawed


def page(files, lang="en") -> str:
    settings = Settings(lang=lang)
    return api.html_report(api.review(files, settings), settings, lang)


def test_the_page_is_self_contained_and_escapes_what_it_shows(drafts):
    html = page([drafts[1]])
    assert re.search(r'<html lang="en">', html)
    assert "<script" not in html and "<link" not in html and "url(" not in html and "@import" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "flawed &lt;b&gt;.docx" in html and "flawed <b>" not in html


def test_each_finding_hangs_at_its_section_with_its_severity(drafts):
    settings = Settings(lang="en")
    report = api.validate(drafts[1], settings)
    html = page([drafts[1]])
    assert html.count('<li class="finding ') == len(report.findings)
    placeholder = next(f for f in report.findings if f.rule == "placeholder")
    objectives = html.index('data-id="main_objectives"')
    at = html.index('<li class="finding error" data-rule="placeholder">')
    assert objectives < at < html.index('data-id="key_tasks"')
    assert placeholder.message.replace('"', "&#34;") in html
    assert ".error {" in html and ".warning {" in html


def test_the_targets_table_and_the_summary_of_several_files(drafts):
    html = page(list(drafts), "zh")
    assert '<html lang="zh-Hans">' in html
    assert html.count("<table class=\"targets\">") == 2 and "非化石能源消费比重" in html
    assert html.count('<table class="summary">') == 1 and "clean.docx" in html


def test_cli_writes_the_page_to_stdout(drafts):
    from click.testing import CliRunner

    result = CliRunner().invoke(main, ["validate", str(drafts[0]), "--format", "html"])
    assert result.exit_code == 0 and result.output.startswith("<!DOCTYPE html>")


def test_the_page_renders_in_a_real_browser(drafts, tmp_path):
    from selenium.webdriver.common.by import By

    settings = Settings(lang="en")
    report = api.validate(drafts[1], settings)
    path = write(tmp_path, "report.html", page([drafts[1]]))
    driver = chromium()
    try:
        driver.get(path.as_uri())
        assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Review report")
        shown = driver.find_elements(By.CSS_SELECTOR, "li.finding")
        assert len(shown) == len(report.findings) and all(e.is_displayed() for e in shown)
        assert {e.get_attribute("data-rule") for e in shown} == {f.rule for f in report.findings}
        error = driver.find_element(By.CSS_SELECTOR, "li.finding.error")
        assert error.value_of_css_property("border-left-color") == "rgba(198, 40, 40, 1)"
        assert driver.find_elements(By.CSS_SELECTOR, "table.targets tr")
        assert not console_errors(driver)
    finally:
        driver.quit()


def test_a_missing_action_hangs_under_the_heading_it_should_follow(tmp_path, drafts):
    html = page([drafts[1]], "zh")
    missing = html.index('<li class="finding error" data-rule="required-action">')
    previous = html.index('data-id="action:urban_rural_construction"')
    assert previous < missing < html.index('data-id="action:agriculture_rural"')
