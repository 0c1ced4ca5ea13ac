"""The library API: one Settings object, one function per job, structured results that the
command line only prints (and a web page only serialises)."""

from __future__ import annotations

import json
import pickle

import pytest

from drafter import api
from drafter.api import Settings
from drafter.errors import DrafterError
from testkit import SAMPLES, skeleton, write


def test_generate_writes_the_plan_in_the_settings_language():
    zh = api.generate(SAMPLES / "deqing.yaml", Settings(lang="zh"))
    en = api.generate(SAMPLES / "deqing.yaml", Settings(lang="en"))
    assert zh.language == "zh-Hans" and en.language == "en"
    assert [s.id for s in zh.sections] == [s.id for s in en.sections]
    position = [s.id for s in zh.sections].index("key_tasks")
    assert (zh.find("key_tasks").number, en.find("key_tasks").number) == (
        ["一、", "二、", "三、"][position], ["I. ", "II. ", "III. "][position])
    assert api.render(en, "md").decode("utf-8").startswith("# ")


def test_validate_returns_a_report_whose_data_is_the_json_contract(tmp_path):
    path = tmp_path / "deqing.md"
    path.write_bytes(api.render(api.generate(skeleton(tmp_path, "deqing")), "md"))
    report = api.validate(path, Settings(lang="en"))
    assert report.ok and report.summary == {"errors": 0, "warnings": 0, "info": report.summary["info"]}
    data = report.as_dict()
    assert list(data) == ["file", "language", "ok", "sections", "findings", "summary"]
    assert data["sections"][0]["id"] == report.document.sections[0].id
    json.dumps(data)  # JSON-ready as it is


def test_review_reports_every_readable_file_and_names_the_unreadable_ones(tmp_path):
    good = tmp_path / "drafts" / "a.md"
    good.parent.mkdir()
    good.write_bytes(api.render(api.generate(skeleton(tmp_path, "jiangmen")), "md"))
    broken = write(tmp_path / "drafts", "b.docx", "not a zip")
    calls = []
    review = api.review([tmp_path / "drafts"], Settings(lang="en"), progress=lambda done, total: calls.append((done, total)))
    assert review.order == [str(good), str(broken)]
    assert [r.file for r in review.reports] == [str(good)]
    assert review.unreadable[0][0] == str(broken) and "b.docx" in review.unreadable[0][1]
    assert not review.ok
    rows = review.rows()
    assert [r["status"] for r in rows] == ["ok", "unreadable"]
    assert calls == [(1, 2), (2, 2)]


def test_a_draft_missing_its_objectives_is_reported_with_the_missing_section(tmp_path):
    doc = api.generate(SAMPLES / "deqing.yaml", Settings(lang="en"))
    for holder in [doc] + list(doc.walk()):
        kept = holder.sections if holder is doc else holder.children
        kept[:] = [s for s in kept if s.id != "main_objectives"]
    path = tmp_path / "cut.md"
    path.write_bytes(api.render(doc, "md"))
    row = api.review([path], Settings(lang="en")).rows()[0]
    assert row["status"] == "errors" and row["missing"] == ["main_objectives"]


def test_extract_and_compare_read_targets_through_the_same_settings(tmp_path):
    path = tmp_path / "deqing.md"
    path.write_bytes(api.render(api.generate(skeleton(tmp_path, "deqing")), "md"))
    data = api.extract(path)
    assert data["locality"]["level"] == "county"
    comparison = api.compare([SAMPLES / "deqing.yaml", path])
    names = [name for name, _ in comparison.columns]
    assert names == ["deqing.yaml", "deqing.md"]
    from_params = {(t.indicator, t.year) for t in comparison.columns[0][1]}
    from_plan = {(t.indicator, t.year) for t in comparison.columns[1][1]}
    assert from_params <= from_plan | {("carbon_peak_year", 2030)}


def test_settings_load_the_rules_once_and_share_them_across_languages(tmp_path):
    settings = Settings(lang="zh")
    assert settings.rules is settings.rules
    assert settings.with_lang("en").rules is settings.rules
    assert settings.with_lang("en").lang == "en"


def test_settings_with_a_targets_file_add_the_users_indicators(tmp_path):
    own = write(tmp_path, "own.yaml", "indicators:\n  - id: hydrogen_stations\n    name: {zh: 加氢站数量, en: hydrogen "
                "stations}\n    unit: piles\n    section: action:transport\n")
    settings = Settings(targets_file=own)
    assert settings.rules.indicator("hydrogen_stations").section == "action:transport"
    assert Settings().rules.indicator("hydrogen_stations") is None


def test_settings_travel_to_a_worker_without_their_derived_state():
    settings = Settings(lang="en", max_bytes=1000)
    _ = settings.rules
    copy = pickle.loads(pickle.dumps(settings))
    assert copy == settings and "rules" not in copy.__dict__
    assert copy.rules.indicator("non_fossil_share") is not None


def test_a_file_over_the_size_limit_is_refused_by_every_reading_job(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(api.render(api.generate(skeleton(tmp_path, "deqing")), "md"))
    small = Settings(max_bytes=100)
    for job in (api.validate, api.outline, api.extract):
        with pytest.raises(DrafterError, match="big.md"):
            job(path, small)
