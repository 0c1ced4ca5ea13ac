"""The indicator library and the target consistency options on the command line."""

import csv
import io

from click.testing import CliRunner

from drafter.cli import main

from testkit import MINIMAL, write


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_targets_list_and_section_filter():
    code, out = run("targets", "list")
    assert code == 0 and "energy_intensity_reduction" in out and "forest_stock" in out
    code, out = run("targets", "list", "--section", "action:transport")
    ids = [line.split()[0] for line in out.splitlines()]
    assert code == 0 and "green_travel_share" in ids and "forest_stock" not in ids
    code, out = run("targets", "list", "--section", "nowhere")
    assert code == 2 and "no indicator" in out


def test_targets_show_gives_both_languages_every_qualifier_and_seen_values():
    code, out = run("targets", "show", "energy_intensity_reduction")
    assert code == 0
    assert "到2025年，单位地区生产总值能源消耗比2020年下降20%左右。" in out
    assert "By 2025, energy consumption per unit of GDP will be more than 20% lower than in 2020." in out
    assert "Deqing: 2025 12.8 % (exact)" in out
    code, out = run("targets", "show", "energy_intensity")
    assert code == 2 and "did you mean energy_intensity_reduction" in out


USER_INDICATORS = """\
indicators:
  - id: roof_greening_rate
    name: {zh: 城市屋顶绿化率, en: the rooftop greening rate, fr: le taux de toitures végétalisées}
    patterns: {zh: ["屋顶绿化率"], en: ["rooftop greening"]}
    kind: level
    direction: rise
    unit: "%"
    section: action:circular_economy
    task: domestic_waste
"""


def test_user_indicator_file_is_reused_in_parameters_and_recognised_by_extract(tmp_path):
    targets = write(tmp_path, "mine.yaml", USER_INDICATORS)
    params = write(tmp_path, "p.yaml", MINIMAL + "  - {indicator: roof_greening_rate, year: 2030, value: 30}\n")
    code, out = run("generate", params, "-o", tmp_path / "d.md", "--format", "md")
    assert code == 2 and "unknown indicator 'roof_greening_rate'" in out
    code, out = run("generate", params, "-o", tmp_path / "d.md", "--format", "md", "--targets", targets)
    assert code == 0
    assert "到2030年，城市屋顶绿化率达到30%。" in (tmp_path / "d.md").read_text(encoding="utf-8")
    code, out = run("extract", tmp_path / "d.md", "--format", "json", "--targets", targets)
    assert '"indicator": "roof_greening_rate"' in out
    code, out = run("targets", "show", "roof_greening_rate", "--targets", targets)
    assert code == 0 and "城市屋顶绿化率" in out


def test_broken_pattern_names_file_indicator_and_regex_error(tmp_path):
    targets = write(tmp_path, "mine.yaml", USER_INDICATORS.replace('["屋顶绿化率"]', '["屋顶(绿化率"]'))
    code, out = run("targets", "list", "--targets", targets)
    assert code == 2
    assert str(targets) in out and "roof_greening_rate" in out and "missing )" in out


def test_compare_text_markdown_and_csv(generated, sample_params):
    files = [generated[("jiangmen", "zh")][1], generated[("guangan", "en")][1]]
    code, out = run("compare", *files)
    assert code == 0 and "jiangmen-zh.docx" in out.splitlines()[0]
    row = next(line for line in out.splitlines() if line.startswith("non_fossil_share") and " 2025 " in line)
    assert "≈32%" in row and "≈35%" in row
    code, out = run("compare", *files, "--format", "md")
    assert out.splitlines()[0].startswith("| indicator | year |") and "| ≈32% |" in out
    code, out = run("compare", *files, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["indicator", "year", "jiangmen-zh.docx", "guangan-en.docx"]
    assert ["energy_intensity_reduction", "2025", "↓14% vs 2020", "↓>14.5% vs 2020"] in rows


def test_validate_parent_with_a_plan_file_and_a_parameters_file(generated, tmp_path):
    child = write(tmp_path, "county.yaml", MINIMAL.replace("value: 14", "value: 12") + """\
  - {indicator: co2_intensity_reduction, year: 2025, superior: true}
  - {indicator: non_fossil_share, year: 2025, value: 33, qualifier: about}
  - {indicator: non_fossil_share, year: 2030, value: 36}
""")
    code, _ = run("generate", child, "-o", tmp_path / "county.md", "--format", "md")
    assert code == 0
    code, out = run("validate", tmp_path / "county.md", "--parent", generated[("jiangmen", "zh")][1], "--lang", "zh")
    assert code == 1
    assert "“单位地区生产总值能源消耗”的2025年目标（12%）弱于上级方案的目标（14%）" in out
    assert out.count("parent-target") == 1  # 33% and 36% are at least Jiangmen's 32% and 35%
    parent_params = write(tmp_path, "city.yaml", MINIMAL.replace("value: 14", "value: 16"))
    code, out = run("validate", tmp_path / "county.md", "--parent", parent_params)
    assert code == 1 and "(12%) is weaker than the parent plan's (16%)" in out
    code, out = run("validate", tmp_path / "county.md", "--parent", tmp_path / "missing.docx")
    assert code == 2 and "file not found" in out
