"""Outline recovery on the real seed plans (as given, and as .docx with plain-paragraph headings),
on the national plan, on our own drafts, and on random junk."""

from pathlib import Path

import pytest
from docx import Document as new_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.model import TASK
from drafter.read import read_document
from drafter.read.outline import read_outline
from drafter.read.source import Line

from testkit import SHARED, needs_shared

SEEDS = SHARED / "seeds"

DEQING_ACTIONS = ["action:industry", "action:energy_transition", "action:energy_saving", "action:key_industries",
                  "action:urban_rural_construction", "action:transport", "action:agriculture_rural",
                  "action:circular_economy", "action:carbon_sink", "action:green_lifestyle", "action:phased_peaking"]
# Stated by hand from reading each seed.
EXPECTED = {
    "000_6dcdaf86b5a4e58b.txt": {  # Deqing, French
        "language": "fr",
        "top": ["main_objectives", "key_tasks", "policy_guarantees"],
        "actions": DEQING_ACTIONS,
        "tasks": 36,
    },
    "001_7cdb06c9488e7cca.txt": {  # Deqing, English
        "language": "en",
        "top": ["main_objectives", "key_tasks", "policy_guarantees"],
        "actions": DEQING_ACTIONS,
        "tasks": 36,
    },
    "002_2b0d579e27bccf4e.txt": {  # Guang'an
        "language": "en",
        "top": ["general_requirements", "key_tasks", "cooperation", "policy_guarantees", "organization_implementation"],
        "children": {"general_requirements": ["guiding_ideology", "working_principles", "main_objectives"],
                     "policy_guarantees": ["statistics_accounting", "laws_standards",
                                           "economic_fiscal_financial_policy", "market_mechanisms"],
                     "organization_implementation": ["leadership_coordination", "responsibility",
                                                     "supervision_assessment"]},
        "actions": ["action:energy_transition", "action:energy_saving", "action:industry",
                    "action:urban_rural_construction", "action:transport", "action:circular_economy",
                    "action:technology_innovation", "action:carbon_sink", "action:green_lifestyle",
                    "action:phased_peaking"],
        "tasks": 38,
    },
    "003_b803ce09c7a60efe.txt": {  # Dezhou: four action headings lost by the scraper
        "language": "en",
        "top": ["general_requirements", "key_tasks", "policy_guarantees"],
        "children": {"general_requirements": ["guiding_ideology", "main_objectives"]},
        "actions": ["action:energy_transition", "action:industry", "action:energy_saving",
                    "action:urban_rural_construction", "action:transport", "action:circular_economy",
                    "action:carbon_sink", "action:technology_innovation", "action:green_trade_cooperation",
                    "action:green_lifestyle"],
        "inferred": ["action:industry", "action:energy_saving", "action:circular_economy",
                     "action:technology_innovation"],
    },
    "004_c0e6d776a2bf4146.txt": {  # Jiangmen, traditional characters with pinyin noise
        "language": "zh-Hant",
        "top": ["general_requirements", "key_tasks", "policy_guarantees", "organization_implementation"],
        "children": {"general_requirements": ["guiding_ideology", "main_objectives"],
                     "organization_implementation": ["leadership_coordination", "responsibility",
                                                     "supervision_assessment"]},
        "actions": ["action:energy_transition", "action:energy_saving", "action:industry",
                    "action:urban_rural_construction", "action:transport", "action:agriculture_rural",
                    "action:circular_economy", "action:technology_innovation", "action:carbon_sink",
                    "action:green_trade_cooperation", "action:green_lifestyle", "action:phased_peaking"],
        "tasks": 37,
    },
}


def plain_docx(txt: Path, out: Path) -> Path:
    """The seed as a Word file whose headings are ordinary paragraphs, as most real files are."""
    document = new_docx()
    for line in txt.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(out))
    return out


def check(doc, expected):
    assert doc.language == expected["language"]
    assert [s.id for s in doc.sections] == expected["top"]
    for parent, children in expected.get("children", {}).items():
        assert [c.id for c in doc.find(parent).children] == children
    actions = doc.find("key_tasks").children
    assert [a.id for a in actions] == expected["actions"]
    if "tasks" in expected:
        assert sum(len(a.children) for a in actions) == expected["tasks"]
    if "inferred" in expected:
        assert [a.id for a in actions if a.inferred] == expected["inferred"]


@needs_shared
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_text_outline(rules, name):
    check(read_document(SEEDS / name, rules), EXPECTED[name])


@needs_shared
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_as_plain_docx_outline(rules, name, tmp_path):
    path = plain_docx(SEEDS / name, tmp_path / (Path(name).stem + ".docx"))
    check(read_document(path, rules), EXPECTED[name])


@needs_shared
def test_french_and_english_deqing_give_the_same_outline(rules):
    # Task rules have Chinese and English titles only: the French tasks stay plain "task".
    def shape(doc):
        return [(s.kind if s.kind == TASK else s.id, s.level, s.number.strip("() .")) for s in doc.walk()]
    assert shape(read_document(SEEDS / "000_6dcdaf86b5a4e58b.txt", rules)) == \
        shape(read_document(SEEDS / "001_7cdb06c9488e7cca.txt", rules))


@needs_shared
def test_envelope_and_noise_of_jiangmen(rules):
    doc = read_document(SEEDS / "004_c0e6d776a2bf4146.txt", rules)
    assert doc.title == "江門市碳達峰實施方案"  # original characters, pinyin noise removed
    assert doc.notice.date == "2023年7月3日" and doc.notice.authority == "江門市人民政府"
    assert doc.find("action:transport").title == "交通運輸綠色低碳行動"
    assert doc.find("action:transport").line == 73
    assert "(diǎn)" not in " ".join(doc.preamble)
    text = " ".join(p for s in doc.walk() for p in s.paragraphs)
    assert "評論" not in text and "驗證碼" not in text  # comment widget cut off


@needs_shared
def test_news_lead_and_trailing_furniture_are_dropped(rules):
    doc = read_document(SEEDS / "001_7cdb06c9488e7cca.txt", rules)
    assert doc.preamble[0].startswith("In order to thoroughly implement")
    assert doc.notice.title.startswith("Notice from the People's Government of Deqing County")
    assert not any("lemonzhao" in p for s in doc.walk() for p in s.paragraphs)
    guangan = read_document(SEEDS / "002_2b0d579e27bccf4e.txt", rules)
    assert not any("Harbin" in p for s in guangan.walk() for p in s.paragraphs)


@needs_shared
def test_dezhou_split_headings_are_joined(rules):
    doc = read_document(SEEDS / "003_b803ce09c7a60efe.txt", rules)
    assert doc.find("action:urban_rural_construction").title == \
        "The green and low-carbon transformation project of urban and rural construction"
    assert doc.find("key_tasks").title == 'Implementing the "Ten Major Projects" of Carbon Peak'


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason="../shared is not beside the repo")
def test_national_plan_with_pdf_line_wraps(rules):
    doc = read_document(SHARED / "corpus" / "national-2030-action-plan_zh.txt", rules)
    assert [s.id for s in doc.sections] == ["general_requirements", "main_objectives", "key_tasks", "cooperation",
                                            "policy_guarantees", "organization_implementation"]
    assert len(doc.find("key_tasks").children) == 10
    assert doc.notice.document_number == "国发〔2021〕23 号"


@pytest.mark.parametrize("name", ["deqing", "guangan", "dezhou", "jiangmen", "example-county"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_generated_drafts_read_back_to_the_same_outline(generated, rules, tmp_path, name, lang):
    doc, docx_path, md = generated[(name, lang)]
    md_path = tmp_path / "d.md"
    md_path.write_text(md, encoding="utf-8")
    # Every id as the composer wrote it, tasks included (task:<id>, task:sector:<industry>).
    want = [(s.id, s.level, s.title) for s in doc.walk()]
    for path in (docx_path, md_path):
        got = read_document(path, rules)
        assert [(s.id, s.level, s.title) for s in got.walk()] == want
        assert got.title == doc.title


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(
    st.text(max_size=80),
    st.sampled_from(["一、总体要求", "（一）主要目标", "1.任务。内容", "(III) Transport", "II. Key Tasks",
                     "Second, key actions", "3.Optimize", "of urban and rural construction", "全文如下",
                     "到2025年，下降14%。", "(2)", "评论", "vigorously optimize"]),
), max_size=60))
def test_reader_never_refuses_messy_lines(rules, texts):
    doc = read_outline([Line(t, i + 1) for i, t in enumerate(texts)], rules)
    for section in doc.walk():
        assert section.id and section.level >= 1


def test_fuzzy_title_matching_for_near_miss_headings(rules, tmp_path):
    path = tmp_path / "d.md"
    path.write_text("# 甲县碳达峰实施方案\n\n## 一、重点任务\n\n### （一）循环经济促进降碳行动\n\n1.推进园区循环化。内容。\n\n"
                    "### （二）完全无关的章节\n\n2.某项工作。内容。\n", encoding="utf-8")
    doc = read_document(path, rules)
    assert [a.id for a in doc.find("key_tasks").children] == ["action:circular_economy", "other:2"]


def test_wrapped_chinese_lines_join_into_one_paragraph(rules):
    """PDF text wrapped mid-sentence, 20,000 lines of it: one paragraph, every character kept."""
    wrapped = "推进能源结构调整优化加快构建清洁低碳安全高效能源体系全面提升"
    texts = ["一、总体要求"] + [wrapped] * 20_000 + ["结束。"]
    doc = read_outline([Line(t, i + 1) for i, t in enumerate(texts)], rules)
    assert doc.sections[0].paragraphs == [wrapped * 20_000 + "结束。"]


def test_english_policy_chapter_reads_under_its_title_and_the_old_one(rules, tmp_path):
    """Drafts now write "Policy Support" for 政策保障; drafts made before wrote "Policy Guarantees"."""
    for title in ("Policy Support", "Policy Guarantees"):
        path = tmp_path / "d.md"
        path.write_text("# Carbon Peaking Implementation Plan of Some County\n\n## I. Key Tasks\n\n"
                        f"### (I) Transport\n\n1. Buses. Text.\n\n## II. {title}\n\n### (I) Improving Economic Policies"
                        "\n\nText.\n", encoding="utf-8")
        doc = read_document(path, rules)
        assert [s.id for s in doc.sections] == ["key_tasks", "policy_guarantees"], title


@pytest.mark.parametrize("copies,names", [
    ("the Finance Bureau, the Development and Reform Bureau and the Audit Office",
     ["the Finance Bureau", "the Development and Reform Bureau", "the Audit Office"]),
    ("the Development and Reform Bureau", ["the Development and Reform Bureau"]),
    ("the Finance Bureau and the Audit Office", ["the Finance Bureau and the Audit Office"]),  # two: not told apart
])
def test_an_english_colophon_is_the_notices_and_splits_a_list_of_three_or_more(rules, copies, names):
    texts = ["Notice of the People's Government of Some County on Issuing the Implementation Plan for Carbon "
             "Peaking in Some County", "Some Gov [2026] No. 5", "To all towns:", "The plan is hereby issued to you.",
             "People's Government of Some County", "March 18, 2026",
             "Implementation Plan for Carbon Peaking in Some County", "In order to peak, this plan is formulated.",
             "I. Key Tasks", "(I) Transport", "1. Buses. Electrify the buses.", f"Copied to: {copies}.",
             "General Office of the Some County People's Government Issued on March 18, 2026"]
    doc = read_outline([Line(t, i + 1) for i, t in enumerate(texts)], rules)
    assert doc.notice.copy_to == names and doc.notice.printed_date == "March 18, 2026"
    assert doc.notice.printed_by == "General Office of the Some County People's Government"
    assert doc.notice.document_number == "Some Gov [2026] No. 5"
    assert not any("Copied" in p or "Issued" in p for s in doc.walk() for p in s.paragraphs)
