"""extract: metadata and targets of real plans; round trips through generate."""

import json

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.api import generate_document, render
from drafter.cli import main
from drafter.read.extract import extract_file
from drafter.generate.params import PlanParams, load_params

from testkit import SAMPLES, SAMPLE_NAMES, SHARED, extracted, needs_shared, plan_params

SEEDS = SHARED / "seeds"


@needs_shared
def test_metadata_of_jiangmen(rules):
    data = extract_file(SEEDS / "004_c0e6d776a2bf4146.txt", rules)
    assert data["locality"] == {"name": "江门市", "level": "city", "province": "广东省"}
    assert data["issuing_authority"] == "江门市人民政府"
    assert data["issue_date"] == "2023-07-03"
    assert data["addressees"] == ["各县(市、区)人民政府", "市有关单位"]
    assert data["report_to"] == "市发展改革局"
    assert data["task_numbering"] == "continuous"
    assert len(data["actions"]) == 12 and data["actions"][-1] == "action:phased_peaking"


@needs_shared
def test_metadata_of_the_english_seeds(rules):
    deqing = extract_file(SEEDS / "001_7cdb06c9488e7cca.txt", rules)
    assert deqing["locality"] == {"name": "Deqing County", "level": "county", "province": "Guangdong Province"}
    assert deqing["issuing_authority"] == "People's Government of Deqing County"
    assert deqing["issue_date"] == "2025-07-12"
    assert deqing["report_to"] == "County Development and Reform Bureau"
    assert deqing["key_industries"] == ["cement", "ceramics", "metal_processing"]
    assert deqing["actions"][:2] == ["action:industry", "action:energy_transition"]
    guangan = extract_file(SEEDS / "002_2b0d579e27bccf4e.txt", rules)
    assert guangan["locality"]["name"] == "Guang 'an City" and guangan["issue_date"] == "2024-01-26"
    assert guangan["task_numbering"] == "restart"
    assert "working_principles" in guangan["include"] and "cooperation" in guangan["include"]
    dezhou = extract_file(SEEDS / "003_b803ce09c7a60efe.txt", rules)
    assert dezhou["locality"] == {"name": "Dezhou City", "level": "city", "province": "Shandong Province"}
    assert dezhou["plan_kind"] == "work" and "issue_date" not in dezhou  # the scrape lost the notice


@needs_shared
@pytest.mark.parametrize("name", ["000_6dcdaf86b5a4e58b.txt", "001_7cdb06c9488e7cca.txt", "002_2b0d579e27bccf4e.txt",
                                  "003_b803ce09c7a60efe.txt", "004_c0e6d776a2bf4146.txt"])
def test_extract_then_generate_keeps_the_targets_the_actions_their_own_titles_and_projects(rules, tmp_path, name):
    """A county starting from its city's plan: every numeric target, the actions in their order,
    the plan's own wording of its action titles and its named projects survive extract -> generate
    -> extract."""
    data = extract_file(SEEDS / name, rules)
    params = PlanParams.model_validate(data)
    lang = "zh" if name.startswith("004") else "en"
    doc = generate_document(params, lang, rules=rules)
    path = tmp_path / "again.md"
    path.write_bytes(render(doc, "md"))
    again = extract_file(path, rules)
    assert normalise(again["targets"]) == normalise(data["targets"])
    assert again["actions"] == data["actions"]
    assert again.get("titles") == data.get("titles")
    assert projects(again) == projects(data)  # the order may change: drafter writes them per action or task


def projects(data: dict) -> list:
    return sorted((p["action"], p.get("task") or "", next(iter(p["name"].values()))) for p in data.get("projects", []))


@needs_shared
def test_a_plan_s_own_action_titles_are_extracted_and_written_again(rules):
    data = extract_file(SEEDS / "004_c0e6d776a2bf4146.txt", rules)
    own = {aid: t["zh"] for aid, t in data["titles"].items() if aid.startswith("action:")}
    assert own == {"action:circular_economy": "循环经济助力碳达峰行动", "action:carbon_sink": "生态碳汇能力提升行动",
                   "action:phased_peaking": "梯次有序达峰行动"}
    doc = generate_document(PlanParams.model_validate(data), "zh", rules=rules)
    assert doc.find("action:circular_economy").title == "循环经济助力碳达峰行动"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_with_the_standard_titles_has_none_of_its_own(rules, tmp_path, lang):
    path = tmp_path / f"plan-{lang}.md"
    path.write_bytes(render(generate_document(load_params(SAMPLES / "example-county.yaml", rules), lang, rules=rules),
                            "md"))
    assert "titles" not in extract_file(path, rules)


def normalise(targets) -> set:
    out = set()
    for t in targets:
        figure = not (t.get("superior") or t.get("trend") or t.get("relative"))
        out.add((t["indicator"], t["year"], t.get("value") if figure else None, t.get("qualifier") if figure else None,
                 t.get("strive", False), t.get("superior", False), t.get("trend", False),
                 next(iter(t["relative"].values())) if t.get("relative") else None))
    return out


def expected_from_params(params: PlanParams, rules, lang: str = "zh") -> set:
    out = set()
    for t in params.targets:
        figure = not (t.superior or t.trend or t.relative)
        out.add((t.indicator, t.year, t.value if figure else None, t.qualifier if figure else None, t.strive,
                 t.superior, t.trend, getattr(t.relative, lang) if t.relative else None))
    if not any(t.indicator == "carbon_peak_year" for t in params.targets):
        out.add(("carbon_peak_year", params.peak_year, float(params.peak_year), "before", False, False, False, None))
    return out


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_round_trip_of_every_sample(rules, sample_params, tmp_path, name, lang, fmt):
    params = sample_params[name]
    data = extracted(params, lang, rules, tmp_path, fmt)
    assert normalise(data["targets"]) == expected_from_params(params, rules, lang)
    assert data["issue_date"] == params.issue_date.isoformat()
    assert data["actions"] == [a.id for a in generate_document(params, lang, rules=rules).find("key_tasks").children]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=plan_params(), lang=st.sampled_from(["zh", "en"]))
def test_round_trip_of_random_parameters(rules, tmp_path, params, lang):
    data = extracted(params, lang, rules, tmp_path, "md")
    assert normalise(data["targets"]) == expected_from_params(params, rules, lang)


def test_cli_extract_yaml_is_a_parameters_file_generate_accepts(generated, tmp_path):
    out = tmp_path / "params.yaml"
    result = CliRunner().invoke(main, ["extract", str(generated[("jiangmen", "zh")][1]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["locality"]["name"] == "江门市" and data["targets"][0]["indicator"] == "carbon_peak_year"
    again = tmp_path / "again.md"
    result = CliRunner().invoke(main, ["generate", str(out), "--format", "md", "-o", str(again)])
    assert result.exit_code == 0, result.output
    assert "到2025年，单位地区生产总值能源消耗比2020年下降14%" in again.read_text(encoding="utf-8")


def test_cli_extract_json_keys_follow_the_vocabulary(generated):
    result = CliRunner().invoke(main, ["extract", str(generated[("guangan", "en")][1]), "--format", "json"])
    data = json.loads(result.output)
    assert {"locality", "issuing_authority", "issue_date", "actions", "targets"} <= set(data)
    assert set(data["locality"]) == {"name", "level", "province"}
    target = next(t for t in data["targets"] if t["indicator"] == "energy_intensity_reduction")
    assert {"indicator", "value", "unit", "qualifier", "strive", "year", "baseline_year", "section",
            "quote"} <= set(target)
    assert target["section"] == "main_objectives" and target["quote"].startswith("By 2025,")


def test_extracted_custom_targets_come_with_their_definition(tmp_path, rules):
    path = tmp_path / "plan.md"
    path.write_text("# 某县碳达峰实施方案\n\n## 一、主要目标\n\n到2025年，城区屋顶绿化率达到30%。\n", encoding="utf-8")
    data = extract_file(path, rules)
    custom = [t for t in data["targets"] if t["indicator"].startswith("custom_")]
    assert custom and custom[0]["value"] == 30
    assert data["indicators"][0]["id"] == custom[0]["indicator"]
    load_params_from = tmp_path / "p.yaml"
    load_params_from.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    params = load_params(load_params_from, rules)  # the definition makes the slug a known indicator
    assert generate_document(params, "zh", rules=rules)


# -- the envelope read with wording.yaml's words -----------------------------------------------------
def _envelope(title, language="zh-Hans", raw="", **notice):
    from drafter.model import Document, Notice
    from drafter.read.extract import extract_document
    from drafter.rules import load_rules
    fields = {"title": "t", "addressees": "", "body": [], "authority": "", "date": "", **notice}
    doc = Document(language=language, title=title, notice=Notice(**fields) if notice else None)
    return extract_document(doc, raw, load_rules())


def test_locality_level_and_province_from_a_chinese_title():
    out = _envelope("《德庆县碳达峰实施方案》", raw="广东省肇庆市德庆县")
    assert out["locality"] == {"name": "德庆县", "level": "county", "province": "广东省"}


def test_locality_from_english_and_french_titles():
    out = _envelope("Implementation plan for carbon peaking in Dezhou", "en", raw="Dezhou Municipal People's Government")
    assert out["locality"]["name"] == "Dezhou City" and out["locality"]["level"] == "city"
    out = _envelope("Plan de mise en œuvre dans le comté de Deqing", "fr")
    assert out["locality"]["name"] == "Deqing County" and out["locality"]["level"] == "county"


def test_missing_locality_and_province_become_placeholders():
    assert _envelope("", "zh-Hans")["locality"] == {"name": "【待补充：地名】", "level": "city", "province": "【待补充：省份】"}
    assert _envelope("", "en")["locality"]["name"] == "[TO BE COMPLETED: locality]"


def test_notice_authority_date_addressees_and_report_to():
    out = _envelope("", authority="德庆县人民政府", date="2025年3月5日", addressees="各镇人民政府，县直各单位：",
                    body=["实施中遇到的问题，请径向县发展改革局反映。"], document_number="德府〔2025〕3号")
    assert out["locality"]["name"] == "德庆县" and out["issue_date"] == "2025-03-05"
    assert out["addressees"] == ["各镇人民政府", "县直各单位"] and out["report_to"] == "县发展改革局"
    assert out["document_number"] == "德府〔2025〕3号"
    assert _envelope("某县碳达峰工作方案")["plan_kind"] == "work"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_peak_in_step_with_the_superior_is_written_and_read_back(rules, tmp_path, lang):
    data = yaml.safe_load((SAMPLES / "example-county.yaml").read_text(encoding="utf-8"))
    data["targets"] = [t for t in data.get("targets", []) if t["indicator"] != "carbon_peak_year"]
    data["targets"].append({"indicator": "carbon_peak_year", "year": None, "superior": True, "strive": True})
    doc = generate_document(PlanParams.model_validate(data), lang, rules=rules)
    path = tmp_path / "plan.md"
    path.write_bytes(render(doc, "md"))
    again = extract_file(path, rules)
    peaks = [(t["year"], t.get("superior"), t["strive"]) for t in again["targets"] if t["indicator"] == "carbon_peak_year"]
    assert peaks == [(None, True, True)] and "peak_year" not in again


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("letterhead", [True, False])
def test_the_letterhead_and_colophon_are_read_as_the_envelope_not_as_the_plan(rules, sample_params, tmp_path, lang,
                                                                              letterhead):
    """The 版头 above the document number and the 版记 at the foot (抄送, …印发 with its date) land in
    the notice, never in the title or the last section, and cause no finding of their own."""
    from drafter.api import outline, validate
    from drafter.settings import Settings

    params = sample_params["example-county"].model_copy(update={"prompts": False, "letterhead": letterhead})
    bare = params.model_copy(update={"copy_to": [], "printed_by": None, "letterhead": False})
    settings = Settings()
    paths = {}
    for name, p in (("full", params), ("bare", bare)):
        paths[name] = tmp_path / f"{name}.docx"
        paths[name].write_bytes(render(generate_document(p, lang, rules=rules), "docx"))
    findings = {name: [(f.rule, f.section, f.message) for f in validate(path, settings).findings]
                for name, path in paths.items()}
    assert findings["full"] == findings["bare"]
    doc = outline(paths["full"], settings)
    assert doc.title == generate_document(params, lang, rules=rules).title
    last = list(doc.walk())[-1].paragraphs
    assert not any(word in " ".join(last) for word in ("抄送", "印发", "Copied to", "Issued on"))
    assert doc.notice.document_number == params.document_number
    data = extract_file(paths["full"], rules)
    assert data["document_number"] == params.document_number and data.get("letterhead", False) is letterhead
    assert len(params.copy_to) >= 3  # "A, B and C": two names alone ("A and B") read as one
    assert data["copy_to"] == [getattr(c, lang) for c in params.copy_to]
    assert data["printed_by"] == getattr(params.printed_by, lang)
    assert data["issue_date"] == params.issue_date.isoformat()


POLICY_SECTIONS = ["other:special_work_plans", "other:ecological_product_value_realization",
                   "other:carbon_credit_evaluation", "other:fiscal_price_policy"]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_optional_policy_sections_are_written_with_their_text_and_read_back(rules, sample_params, tmp_path, lang, fmt):
    params = sample_params["example-county"].model_copy(update={"include": POLICY_SECTIONS, "prompts": False})
    doc = generate_document(params, lang, rules=rules)
    guarantees = doc.find("policy_guarantees")
    assert set(POLICY_SECTIONS) <= {c.id for c in guarantees.children}
    for sid in POLICY_SECTIONS:
        [text] = doc.find(sid).paragraphs  # its own template, not the placeholder of an empty section
        assert len(text) > 60 and doc.marks[0] not in text
    data = extracted(params, lang, rules, tmp_path, fmt)
    assert set(POLICY_SECTIONS) <= set(data["include"])
    again = generate_document(PlanParams.model_validate({k: v for k, v in data.items()}), lang, rules=rules)
    assert [c.id for c in again.find("policy_guarantees").children] == [c.id for c in guarantees.children]


@pytest.mark.parametrize("sample", ["deqing", "example-county"])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_named_projects_come_back_in_their_action_and_task(rules, sample_params, tmp_path, sample, lang, fmt):
    """Each project with its action, task, figures and completion year, as the plan lists them."""
    params = sample_params[sample]
    data = extracted(params, lang, rules, tmp_path, fmt)
    expected = [{"name": getattr(p.name, lang), "action": p.action, "task": p.task, "year": p.year,
                 "figures": getattr(p.figures, lang) if p.figures else None} for p in params.projects]
    found = [{"name": p["name"][lang], "action": p["action"], "task": p.get("task"), "year": p.get("year"),
              "figures": p["figures"][lang] if p.get("figures") else None} for p in data["projects"]]
    assert expected and sorted(found, key=str) == sorted(expected, key=str)
    again = extracted(PlanParams.model_validate(data), lang, rules, tmp_path, fmt)
    assert again["projects"] == data["projects"]
