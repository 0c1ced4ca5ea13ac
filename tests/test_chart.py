"""`drafter compare --chart FILE.svg`: the headline targets of the plans as grouped bars, an SVG
drawn by pygal that runs no script and loads nothing; written like every output (atomic, --force)."""

from __future__ import annotations

from lxml import etree

from drafter.api import Settings, compare
from drafter.cli import main
from drafter.writers.chart import headline_chart
from testkit import SAMPLES

SVG = "{http://www.w3.org/2000/svg}"


def run(*args):
    from click.testing import CliRunner

    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_the_chart_has_a_bar_group_per_headline_indicator_and_a_series_per_plan():
    settings = Settings(lang="zh")
    columns = compare([SAMPLES / "jiangmen.yaml", SAMPLES / "dezhou.yaml"], settings).columns
    root = etree.fromstring(headline_chart(settings.rules, columns, "zh", "主要目标"))
    texts = [t.text for t in root.iter(f"{SVG}text") if t.text]
    assert "主要目标" in texts and "jiangmen.yaml" in texts and "dezhou.yaml" in texts
    groups = [f"{year} {settings.rules.indicator(iid).name.zh}" for iid, year in
              [("energy_intensity_reduction", 2025), ("non_fossil_share", 2025), ("non_fossil_share", 2030)]]
    assert [t for t in texts if t[:4].isdigit() and " " in t] == groups  # the peak year is no bar
    assert {"14", "16", "32", "13", "35", "18"} <= set(texts)  # each plan's figure on its bar
    assert not list(root.iter(f"{SVG}script"))
    assert not [v for e in root.iter() for k, v in e.attrib.items() if k.endswith("href") and "//" in v]


def test_the_cli_writes_the_chart_and_keeps_an_existing_file(tmp_path):
    chart = tmp_path / "targets.svg"
    code, out = run("compare", SAMPLES / "jiangmen.yaml", SAMPLES / "deqing.yaml", "--chart", chart)
    assert code == 0 and "energy_intensity_reduction" in out
    assert chart.read_bytes().startswith(b"<?xml") and b"<svg" in chart.read_bytes()
    before = chart.read_bytes()
    code, out = run("compare", SAMPLES / "jiangmen.yaml", "--chart", chart)
    assert code == 2 and "--force" in out and chart.read_bytes() == before
    assert run("compare", SAMPLES / "jiangmen.yaml", "--chart", chart, "--force")[0] == 0
