"""drafter review: a copy of the draft with every error and warning of validate as a Word comment at
its place, a summary at the title, and the draft's own text, numbering and comments untouched.
Each reviewed copy is opened again with python-docx, and each comment is found at its paragraph."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from drafter import api
from drafter.api import Settings
from drafter.cli import main
from testkit import SAMPLES, rules_without, skeleton_params, write
from docx_read import comments_at
from word_docs import W, word_numbered

_CHANGE = f'w:id="{{}}" w:author="office" w:date="2026-01-01T00:00:00Z" {W}'


def body_texts(document) -> list[str]:
    """The text of every body paragraph (tables included), in order."""
    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in document.element.body.iter(qn("w:p"))]


def highlighted(document) -> list[str]:
    """The text of every highlighted run, tracked insertions included."""
    return ["".join(t.text or "" for t in r.iter(qn("w:t"))) for r in document.element.body.iter(qn("w:r"))
            if r.find(f"{qn('w:rPr')}/{qn('w:highlight')}") is not None]


def paragraph_with(document, *words):
    return next(p for p in document.paragraphs if all(w in p.text for w in words))


def remove_action(document, title: str, next_title: str) -> None:
    """Take out an action: its heading and everything up to the next action's heading."""
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.endswith(title))
    end = next(i for i, p in enumerate(paragraphs) if i > start and p.text.endswith(next_title))
    for p in paragraphs[start:end]:
        p._p.getparent().remove(p._p)


def replace_in_runs(paragraph, old: str, new: str) -> None:
    run = next(r for r in paragraph.runs if old in r.text)
    run.text = run.text.replace(old, new, 1)


@pytest.fixture(scope="module")
def settings():
    return Settings(lang="zh")


@pytest.fixture(scope="module")
def plan(tmp_path_factory, settings):
    """The Jiangmen sample, generated: a draft without findings."""
    path = tmp_path_factory.mktemp("review") / "plan.docx"
    path.write_bytes(api.render(api.generate(skeleton_params("jiangmen"), settings), "docx", settings))
    assert not api.validate(path, settings).findings
    return path


def flawed(plan, target, prepare=None):
    """The plan with the transport action taken out, a placeholder for the 2025 energy intensity
    target, a 2030 share weaker than 2025's, and a reader's comment already on the title."""
    document = Document(str(plan))
    if prepare:
        prepare(document)
    remove_action(document, "交通运输绿色低碳行动", "循环经济助力降碳行动")
    replace_in_runs(paragraph_with(document, "2025年", "14%"), "14%", "【待补充：比重】")
    replace_in_runs(paragraph_with(document, "2030年", "35%"), "35%", "30%")
    document.add_comment(document.paragraphs[0].runs, text="Please check the title", author="office")
    document.save(str(target))
    return target


def test_every_error_and_warning_is_a_comment_at_its_place(plan, tmp_path, settings):
    draft = flawed(plan, tmp_path / "draft.docx")
    report = api.validate(draft, settings)
    commented = [f for f in report.findings if f.severity in ("error", "warning")]
    assert {f.rule for f in commented} >= {"required-action", "placeholder", "target-progression"}

    reviewed, target = api.review_to(draft, None, settings)
    assert target == tmp_path / "draft-审核意见.docx" and reviewed.comments == len(commented) + 1
    placed = [(text, c) for text, c in comments_at(target) if c.author != "office"]
    assert len(placed) == len(commented) + 1
    where = {c.text.split("\n")[0]: text for text, c in placed}
    words = settings.rules.wording.review.zh
    for f in commented:
        first = words.comment.format(severity=settings.rules.wording.report.zh.severity[f.severity],
                                     rule=f.rule, message=f.message)
        assert first in where, first
        at = where[first]
        if f.rule == "required-action":  # at the heading of the action before it
            assert at.endswith("城乡建设碳达峰行动")
        elif f.rule == "placeholder":
            assert "【待补充：比重】" in at and "2025年" in at
        elif f.rule == "target-progression":
            assert "2030年" in at and "30%" in at
    fixes = {c.text.split("\n")[0]: c.text.split("\n")[1] for _, c in placed[1:]}  # after the summary
    assert fixes[next(k for k in fixes if "placeholder" in k)] == words.fix_line.format(fix=words.fixes["placeholder"])
    assert {c.author for _, c in placed} == {"审核人"} and {c.initials for _, c in placed} == {"审"}


def test_the_summary_is_the_first_comment_at_the_title(plan, tmp_path, settings):
    draft = flawed(plan, tmp_path / "draft.docx")
    _, target = api.review_to(draft, None, settings)
    title = api.outline(draft, settings).title  # the plan's, after the notice that issues it
    text, summary = next((t, c) for t, c in comments_at(target) if c.author == "审核人")
    assert text == title
    assert summary.text.startswith("审核摘要：错误") and "交通运输绿色低碳行动" in summary.text
    sections = sum(1 for _ in api.outline(draft, settings).walk())
    assert f"已检查章节{sections}个" in summary.text


def test_the_drafts_text_and_its_own_comments_are_unchanged(plan, tmp_path, settings):
    draft = flawed(plan, tmp_path / "draft.docx")
    _, target = api.review_to(draft, None, settings)
    before, after = Document(str(draft)), Document(str(target))
    assert [p.text for p in after.paragraphs] == [p.text for p in before.paragraphs]
    assert [p.style.name for p in after.paragraphs] == [p.style.name for p in before.paragraphs]
    theirs = [(t, c.text) for t, c in comments_at(target) if c.author == "office"]
    assert theirs == [(before.paragraphs[0].text, "Please check the title")]


def test_a_placeholder_is_highlighted_in_a_run_of_its_own(plan, tmp_path, settings):
    _, target = api.review_to(flawed(plan, tmp_path / "draft.docx"), None, settings)
    assert highlighted(Document(str(target))) == ["【待补充：比重】"]


def test_a_target_weaker_than_the_parents_is_commented_naming_both_figures(plan, tmp_path, settings):
    parent_file = write(tmp_path, "city.yaml", (SAMPLES / "jiangmen.yaml").read_text(encoding="utf-8").replace(
        "{indicator: energy_intensity_reduction, year: 2025, value: 14}",
        "{indicator: energy_intensity_reduction, year: 2025, value: 16}"))
    parent = api.parent_targets(parent_file, settings)
    reviewed, target = api.review_to(plan, tmp_path / "out.docx", settings, parent=parent)
    assert not reviewed.report.ok
    [(text, comment)] = [(t, c) for t, c in comments_at(target) if "parent-target" in c.text]
    assert "2025年" in text and "14%" in text
    assert "14%" in comment.text and "16%" in comment.text


def _word_made(document) -> None:
    """What Word and WPS leave in a draft before it reaches a reviewer: a table and a text box
    before the text, a tracked insertion and a tracked deletion in the main objectives."""
    first = document.paragraphs[1]
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "编号", "起草单位"
    first._p.addprevious(table._tbl)
    box = parse_xml(f'<w:p {W}><w:r><w:t>框外</w:t></w:r></w:p>')
    box.append(parse_xml(f'<w:r {W}><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
                         f'<w:txbxContent><w:p><w:r><w:t>框内说明</w:t></w:r></w:p></w:txbxContent>'
                         f'</v:textbox></v:shape></w:pict></w:r>'))
    first._p.addprevious(box)
    target = paragraph_with(document, "2025年", "32%")
    target._p.append(parse_xml(f'<w:del {_CHANGE.format(91)}><w:r><w:delText>（旧稿文字）</w:delText></w:r></w:del>'))
    target._p.append(parse_xml(f'<w:ins {_CHANGE.format(92)}><w:r><w:t>（补充【待补充：单位】）</w:t></w:r></w:ins>'))


@pytest.mark.parametrize("lang", ["zh"])
def test_a_draft_made_in_word_is_reviewed_as_well(plan, tmp_path, settings, lang, rules):
    numbered = tmp_path / "numbered.docx"
    word_numbered(plan, numbered, lang, rules)
    draft = flawed(numbered, tmp_path / "word.docx", prepare=_word_made)
    numbers = len(Document(str(draft)).element.body.findall(f".//{qn('w:numPr')}"))
    assert numbers > 30  # its headings are numbered by Word
    report = api.validate(draft, settings)
    commented = [f for f in report.findings if f.severity in ("error", "warning")]
    assert sum(f.rule == "placeholder" for f in commented) == 2

    _, target = api.review_to(draft, tmp_path / "reviewed.docx", settings)
    after = Document(str(target))
    assert body_texts(after) == body_texts(Document(str(draft)))
    assert len(after.element.body.findall(f".//{qn('w:numPr')}")) == numbers
    placed = comments_at(target)
    assert len(placed) == len(commented) + 2  # the summary and the draft's own comment
    at = {c.text.split("\n")[0]: text for text, c in placed}
    assert at[next(k for k in at if "required-action" in k)] == "城乡建设碳达峰行动"  # Word shows the number
    placeholder_paragraphs = [text for key, text in at.items() if "placeholder" in key]
    assert len(placeholder_paragraphs) == 2 and all("2025年" in text for text in placeholder_paragraphs)
    assert sorted(highlighted(after)) == ["【待补充：单位】", "【待补充：比重】"]


def test_a_draft_that_is_not_a_docx_gets_a_review_copy(tmp_path, settings):
    md = tmp_path / "plan.md"
    text = api.render(api.generate(skeleton_params("jiangmen"), settings), "md", settings).decode("utf-8")
    md.write_text(text.replace("32%", "【待补充：比重】", 1), encoding="utf-8")
    reviewed, target = api.review_to(md, None, settings.with_lang("en"), lang="en")
    assert target == tmp_path / "plan-review.docx"
    document = Document(str(target))
    words = settings.rules.wording.review.en
    assert document.paragraphs[0].text == words.copy_title.format(file="plan.md")
    lines = [line.strip().lstrip("#").strip() for line in md.read_text(encoding="utf-8").splitlines()]
    assert [p.text for p in document.paragraphs[2:]] == [ln for ln in lines if ln and ln != "---"]
    placed = comments_at(target)
    title = api.outline(md, settings).title  # the summary is at the plan's own title
    assert placed[0][0] == title and placed[0][1].author == "Reviewer" and "Review summary" in placed[0][1].text
    [(at, _)] = [(t, c) for t, c in placed if "placeholder" in c.text]
    assert "【待补充：比重】" in at and reviewed.comments == len(placed)


def test_cli_review_exit_codes_and_outputs(plan, tmp_path, settings):
    from click.testing import CliRunner

    runner = CliRunner()
    draft = flawed(plan, tmp_path / "draft.docx")
    result = runner.invoke(main, ["review", str(draft), "--author", "Li Ming", "--lang", "en"])
    assert result.exit_code == 1 and "draft-review.docx" in result.output
    assert {c.author for _, c in comments_at(tmp_path / "draft-review.docx")} == {"Li Ming", "office"}
    again = runner.invoke(main, ["review", str(draft), "--lang", "en"])
    assert again.exit_code == 2 and "output exists" in again.output and "Traceback" not in again.output
    itself = runner.invoke(main, ["review", str(draft), "-o", str(draft), "--force"])
    assert itself.exit_code == 2 and "draft itself" in itself.output
    clean = runner.invoke(main, ["review", str(plan), "-o", str(tmp_path / "clean.docx")])
    assert clean.exit_code == 0
    unreadable = runner.invoke(main, ["review", str(write(tmp_path, "bad.docx", "not a zip"))])
    assert unreadable.exit_code == 2 and len(unreadable.output.strip().splitlines()) == 1


def test_cli_reviews_a_folder_on_two_processes(plan, tmp_path):
    from click.testing import CliRunner

    folder = tmp_path / "drafts"
    (folder / "county").mkdir(parents=True)
    flawed(plan, folder / "a.docx")
    (folder / "county" / "b.docx").write_bytes(plan.read_bytes())
    write(folder, "c.txt", "")
    write(folder / "county", "b.md", "\n".join(p.text for p in Document(str(plan)).paragraphs))
    runner = CliRunner()
    result = runner.invoke(main, ["review", str(folder), "-o", str(tmp_path / "out"), "--jobs", "2"])
    assert result.exit_code == 2 and "c.txt" in result.output  # the empty one is unreadable, the others done
    made = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.docx"))
    # b.docx and b.md side by side: each copy is named with its draft's type
    assert made == ["a-审核意见.docx", "county/b-docx-审核意见.docx", "county/b-md-审核意见.docx"]
    rerun = runner.invoke(main, ["review", str(folder), "-o", str(tmp_path / "out")])
    assert "skipped 3" in rerun.output
    assert runner.invoke(main, ["review", str(folder)]).exit_code == 2  # a folder needs -o


def test_a_rules_folder_from_before_reviews_comments_in_the_built_in_words(plan, tmp_path, rules):
    older = rules_without(tmp_path / "rules", rules, "wording.yaml", "review")
    settings = Settings(rules_dir=older, lang="en")
    assert settings.rules.wording.review is None
    _, target = api.review_to(plan, tmp_path / "out.docx", settings, lang="en")
    [(_, summary)] = comments_at(target)
    assert summary.author == "Reviewer" and summary.text.startswith("Review summary: 0 errors")
