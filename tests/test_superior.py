"""drafter generate --parent: the county's draft with its city's plan at hand. The city's passage for
each section and action is a comment at the heading of the same id (a blockquote in Markdown), a
county target weaker than the city's is a comment at its sentence and a line on stderr, and each
city indicator the county does not set is a prompt in the main objectives. Nothing else of the
draft changes: its text is the draft generated without --parent."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from docx import Document

from drafter import api
from drafter.cli import main
from drafter.rules import load_rules
from docx_read import comments_at
from testkit import SHARED, rules_without, write

# An invented city and one of its counties: the county's 2025 energy-intensity and non-fossil
# targets trail the city's, it sets no share of new-energy vehicles, and its forest cover
# target exceeds the city's.
CITY = """\
locality:
  name: {zh: 松岭市, en: Songling City}
  level: city
  province: {zh: 某省, en: Some Province}
issue_date: 2025-05-20
prompts: false
targets:
  - {indicator: energy_intensity_reduction, year: 2025, value: 14}
  - {indicator: co2_intensity_reduction, year: 2025, value: 18}
  - {indicator: non_fossil_share, year: 2025, value: 22, qualifier: about}
  - {indicator: non_fossil_share, year: 2030, value: 28, qualifier: about}
  - {indicator: nev_share_new_vehicles, year: 2030, value: 40, qualifier: about}
  - {indicator: forest_coverage, year: 2030, value: 58}
"""
COUNTY = """\
locality:
  name: {zh: 石桥县, en: Shiqiao County}
  level: county
  province: {zh: 某省, en: Some Province}
  parent: {zh: 松岭市, en: Songling City}
issue_date: 2025-09-01
targets:
  - {indicator: energy_intensity_reduction, year: 2025, value: 13}
  - {indicator: co2_intensity_reduction, year: 2025, value: 18}
  - {indicator: non_fossil_share, year: 2025, value: 20, qualifier: about}
  - {indicator: non_fossil_share, year: 2030, value: 30, qualifier: about}
  - {indicator: forest_coverage, year: 2030, value: 60}
"""
AUTHOR = {"zh": "上级方案", "en": "Superior plan"}


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def signed_comments(path) -> list[tuple[str, str, str]]:
    """(text of the paragraph a comment starts in, the comment's author, its text), in order."""
    return [(at, comment.author, comment.text) for at, comment in comments_at(path)]


def texts(path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def is_prompt(text: str) -> bool:
    return text.startswith(("【待补充", "[TO BE COMPLETED")) and "40%" in text


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The parameters of both, the city's plan generated as .docx and .md, and the county's draft
    generated without --parent (the text every draft with --parent must keep)."""
    folder = tmp_path_factory.mktemp("superior")
    city, county = write(folder, "city.yaml", CITY), write(folder, "county.yaml", COUNTY)
    settings = api.Settings(lang="zh")
    plan = api.generate(city, settings)
    for fmt in ("docx", "md"):
        (folder / f"city.{fmt}").write_bytes(api.render(plan, fmt, settings))
    assert run("generate", county, "-o", folder / "plain.docx")[0] == 0
    assert run("generate", county, "-o", folder / "plain.md", "--format", "md")[0] == 0
    return folder


@pytest.mark.parametrize("parent", ["city.yaml", "city.docx", "city.md"])
def test_each_heading_carries_the_superiors_passage_of_the_same_id(files, tmp_path, parent):
    out = tmp_path / "county.docx"
    code, stdout, _ = run("generate", files / "county.yaml", "--parent", files / parent, "-o", out)
    assert code == 0 and "wrote" in stdout
    comments = [(at, text) for at, author, text in signed_comments(out) if text.startswith("上级方案：")]
    settings = api.Settings(lang="zh")
    city = api.outline(files / "city.docx", settings)
    county = api.outline(out, settings)
    shared = [s for s in county.walk() if s.kind != "task" and city.find(s.id) is not None]
    assert len(comments) == len(shared) > 20  # every section and action both plans have, once
    for (at, text), section in zip(comments, shared):
        theirs = city.find(section.id)
        assert at == section.heading  # at the county's heading ...
        assert text.startswith(f"上级方案：{theirs.heading}")  # ... the city's heading and words
        if theirs.paragraphs:
            assert theirs.paragraphs[0][:40] in text
    ideology = next(text for at, text in comments if at.endswith("指导思想"))
    assert "立足松岭市" in ideology and "石桥县" not in ideology  # the city's own words, not the county's
    assert all(author == AUTHOR["zh"] for _, author, _ in signed_comments(out))


def test_a_weaker_target_warns_on_stderr_and_at_its_sentence(files, tmp_path):
    out = tmp_path / "county.docx"
    code, _, stderr = run("generate", files / "county.yaml", "--parent", files / "city.docx", "-o", out)
    assert code == 0
    warnings = stderr.strip().splitlines()
    assert len(warnings) == 2 and all(w.startswith(f"drafter: warning: {out}: parent-target: ") for w in warnings)
    assert "13%" in warnings[0] and "14%" in warnings[0]
    assert "20%" in warnings[1] and "22%" in warnings[1]
    weaker = [(at, text) for at, _, text in signed_comments(out) if "parent-target" in text]
    assert len(weaker) == 2
    for at, text in weaker:  # both on the 2025 sentence that states them, not at the heading
        assert "到2025年" in at and "下降13%" in at and "20%左右" in at
    assert "14%" in weaker[0][1] and "22%" in weaker[1][1]
    # The county's 2030 non-fossil share (30 %) beats the city's (28 %): no warning about it.
    assert not any("30%" in text for _, text in weaker)


def test_a_superior_indicator_the_county_lacks_is_a_prompt_in_the_main_objectives(files, tmp_path):
    out = tmp_path / "county.docx"
    code, stdout, _ = run("generate", files / "county.yaml", "--parent", files / "city.yaml", "-o", out)
    assert code == 0 and "1 prompts" in stdout
    prompts = [t for t in texts(out) if is_prompt(t)]
    assert len(prompts) == 1 and "2030" in prompts[0]
    paragraphs = texts(out)
    at, after = paragraphs.index(prompts[0]), paragraphs.index("二、重点任务")
    objectives = next(i for i, t in enumerate(paragraphs) if t.endswith("主要目标"))
    assert objectives < at < after
    # validate lists it with the other placeholders until the office sets the target
    found = [f for f in api.validate(out, api.Settings(lang="zh")).findings if f.rule == "placeholder"]
    assert len([f for f in found if "40%" in (f.anchor or "")]) == 1
    # the county's own indicators (forest cover) and the headline ones the composer prompts for are not repeated
    assert not any("森林" in t for t in prompts)
    # a clean skeleton asks for nothing, the superior's indicators included
    clean = tmp_path / "clean.docx"
    code, stdout, _ = run("generate", files / "county.yaml", "--parent", files / "city.yaml", "-o", clean, "--no-prompts")
    assert code == 0 and "0 prompts" in stdout and not any(is_prompt(t) for t in texts(clean))


@pytest.mark.parametrize("parent", ["city.yaml", "city.docx"])
def test_the_drafts_text_is_otherwise_the_one_without_parent(files, tmp_path, parent):
    out = tmp_path / "county.docx"
    assert run("generate", files / "county.yaml", "--parent", files / parent, "-o", out)[0] == 0
    assert [t for t in texts(out) if not is_prompt(t)] == texts(files / "plain.docx")


def test_markdown_carries_the_passages_and_warnings_as_blockquotes(files, tmp_path):
    out = tmp_path / "county.md"
    code, _, stderr = run("generate", files / "county.yaml", "--parent", files / "city.md", "-o", out,
                          "--format", "md")
    assert code == 0 and stderr.count("parent-target") == 2
    text = out.read_text(encoding="utf-8")
    # each quote follows its heading: the heading, a blank line, then the superior's words
    assert re.search(r"^### （一）能源绿色低碳转型行动\n\n> 上级方案：（一）能源绿色低碳转型行动\n>\n> ", text, re.M)
    assert len(re.findall(r"^> 上级方案：", text, re.M)) > 20
    assert len(re.findall(r"^> 错误（parent-target）", text, re.M)) == 2
    # without the quotes (and the prompt), the draft generated without --parent
    lines = [line for line in text.split("\n") if not line.startswith(">") and not is_prompt(line)]
    assert re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) == (files / "plain.md").read_text(encoding="utf-8")
    # validate reads the quotes as remarks, as it skips a .docx's comments: the findings are the
    # plain draft's and the one prompt's
    settings = api.Settings(lang="zh")
    found = [(f.rule, f.message) for f in api.validate(out, settings).findings]
    plain = [(f.rule, f.message) for f in api.validate(files / "plain.md", settings).findings]
    prompt = [(r, m) for r, m in found if "40%" in m]
    assert len(prompt) == 1 and sorted(found) == sorted(plain + prompt)


def test_an_english_draft_takes_the_words_of_its_language(files, tmp_path):
    out = tmp_path / "county-en.docx"
    code, _, stderr = run("generate", files / "county.yaml", "--parent", files / "city.yaml", "-o", out,
                          "--lang", "en")
    assert code == 0 and "is weaker than the parent plan's" in stderr
    comments = signed_comments(out)
    assert {author for _, author, _ in comments} == {AUTHOR["en"]}
    # a parameters file stands for the plan it generates, in the draft's language
    assert any(at.endswith("Main Objectives") and text.startswith("Superior plan: (2) Main Objectives")
               for at, _, text in comments)
    assert sum(is_prompt(t) for t in texts(out)) == 1


def test_a_rules_folder_without_the_superior_words_uses_the_built_in_ones(files, tmp_path):
    rules = rules_without(tmp_path / "rules", load_rules(), "wording.yaml", "superior")
    out = tmp_path / "county.docx"
    code, _, _ = run("generate", files / "county.yaml", "--parent", files / "city.yaml", "-o", out, "--rules", rules)
    assert code == 0 and {a for _, a, _ in signed_comments(out)} == {AUTHOR["zh"]}


@pytest.mark.parametrize("parent, words", [("missing.docx", "file not found"), ("bad.yaml", "invalid YAML"),
                                           ("bad.docx", "not a valid .docx")])
def test_a_bad_superior_is_one_line_and_no_draft(files, tmp_path, parent, words):
    write(tmp_path, "bad.yaml", "targets: [\n")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04 truncated")
    out = tmp_path / "county.docx"
    code, stdout, stderr = run("generate", files / "county.yaml", "--parent", tmp_path / parent, "-o", out)
    assert code == 2 and not out.exists()
    assert stderr.count("\n") == 1 and stderr.startswith("drafter: error: ") and words in stderr
    assert "Traceback" not in stdout + stderr


def test_the_library_gives_the_bytes_and_what_was_added(files):
    drafted = api.generate_with_parent(files / "county.yaml", files / "city.docx", "md", api.Settings(lang="en"))
    text = drafted.data.decode("utf-8")
    assert drafted.prompts == 1 and len(drafted.weaker) == 2
    assert drafted.passages == len(re.findall(r"^> Superior plan: ", text, re.M)) > 20
    assert all(w.startswith("parent-target: ") for w in drafted.weaker)


def test_a_real_city_plan_as_it_was_published(tmp_path):
    """The Jiangmen seed (traditional characters, scraper noise) as the superior of the invented
    county: its passages in its own words at the county's headings, its other indicators asked for."""
    seed = SHARED / "seeds" / "004_c0e6d776a2bf4146.txt"
    if not seed.is_file():
        pytest.skip("../shared/seeds is absent")
    out = tmp_path / "county.docx"
    county = write(tmp_path, "county.yaml", COUNTY)
    code, stdout, stderr = run("generate", county, "--parent", seed, "-o", out)
    assert code == 0 and "Traceback" not in stderr
    comments = signed_comments(out)
    assert sum(text.startswith("上级方案：") for _, _, text in comments) >= 20
    assert any(at.endswith("能源绿色低碳转型行动") and "能源綠色低碳轉型行動" in text for at, _, text in comments)
    assert "parent-target" in stderr  # the city's 14 % energy-intensity cut against the county's 13 %
    assert sum(t.startswith("【待补充：上级方案") for t in texts(out)) >= 10


OWN_INDICATOR = """\
indicators:
  - id: roof_garden_share
    name: {zh: 屋顶花园占比, en: the share of roof gardens}
    patterns: {zh: ["屋顶花园占比"], en: ["roof gardens"]}
    kind: level
    direction: rise
    unit: "%"
    section: action:urban_rural_construction
"""


def test_an_indicator_both_plans_define_inline_is_compared_too(tmp_path):
    """The draft is read back with its own indicators, so a target of one the catalogue lacks is
    checked against the superior's like any other."""
    city = write(tmp_path, "city.yaml", CITY + "  - {indicator: roof_garden_share, year: 2025, value: 30}\n"
                 + OWN_INDICATOR)
    county = write(tmp_path, "county.yaml", COUNTY + "  - {indicator: roof_garden_share, year: 2025, value: 20}\n"
                   + OWN_INDICATOR)
    code, _, stderr = run("generate", county, "--parent", city, "-o", tmp_path / "county.docx")
    assert code == 0
    assert len([line for line in stderr.splitlines() if "屋顶花园占比" in line and "30%" in line]) == 1
