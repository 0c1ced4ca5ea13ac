"""Word drafts as offices write them: headings numbered by Word's automatic numbering, tracked
changes, comments, tables, text boxes, headers and footers. Each case is a small document built
here with python-docx and a few lxml edits."""

import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml

from drafter.read.lines import BODY_ROW
from drafter.read.source import read_lines

from word_docs import W, level, set_numbering, word_numbered


def numbered(doc, text, num_id=None, ilvl=None, style=None):
    """A paragraph with a w:numPr of its own (either part may be left out) or a style."""
    para = doc.add_paragraph(text, style=style)
    if num_id is not None or ilvl is not None:
        parts = (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "") + \
                (f'<w:numId w:val="{num_id}"/>' if num_id is not None else "")
        para._p.get_or_add_pPr().append(parse_xml(f"<w:numPr {W}>{parts}</w:numPr>"))
    return para


def texts(path, rules):
    return [line.text for line in read_lines(path, numbering=rules.numbering)]


CHINESE_LEVELS = [level(0, "chineseCounting", "%1、"), level(1, "chineseCounting", "（%2）"),
                  level(2, "decimal", "%3.")]


# -- automatic numbering ------------------------------------------------------------------------

def test_heading_numbers_are_read_as_word_shows_them(tmp_path, rules):
    doc = Document()
    set_numbering(doc, {"1": CHINESE_LEVELS}, {"5": ("1", {})})
    for text, ilvl in [("总体要求", 0), ("指导思想", 1), ("主要目标", 1), ("重点任务", 0), ("能源绿色低碳转型行动", 1),
                       ("推进煤炭消费替代", 2), ("大力发展新能源", 2), ("节能降碳增效行动", 1), ("提升节能管理", 2)]:
        numbered(doc, text, 5, ilvl)
    doc.save(tmp_path / "plan.docx")
    assert texts(tmp_path / "plan.docx", rules) == [
        "一、总体要求", "（一）指导思想", "（二）主要目标", "二、重点任务", "（一）能源绿色低碳转型行动",
        "1. 推进煤炭消费替代", "2. 大力发展新能源", "（二）节能降碳增效行动", "1. 提升节能管理"]


def test_lists_sharing_an_abstract_numbering_continue_unless_a_start_is_overridden(tmp_path, rules):
    doc = Document()
    set_numbering(doc, {"1": [level(0, "decimal", "%1.", start=3)]},
                  {"1": ("1", {}), "2": ("1", {}), "3": ("1", {0: 7})})
    for text, num in [("a", 1), ("b", 1), ("c", 2), ("d", 3), ("e", 3), ("f", 2)]:
        numbered(doc, text, num, 0)
    doc.save(tmp_path / "lists.docx")
    assert texts(tmp_path / "lists.docx", rules) == ["3. a", "4. b", "5. c", "7. d", "8. e", "9. f"]


@pytest.mark.parametrize("fmt,text,shown", [
    ("chineseCountingThousand", "%1、", ["一、", "二、", "三、"]),
    ("ideographTraditional", "%1、", ["甲、", "乙、", "丙、"]),
    ("decimalEnclosedCircle", "%1", ["①", "②", "③"]),
    ("upperRoman", "%1.", ["I. ", "II. ", "III. "]),
    ("lowerLetter", "(%1)", ["(a) ", "(b) ", "(c) "]),
    ("decimalFullWidth", "%1．", ["１．", "２．", "３．"]),
    ("bullet", "\u2022", ["", "", ""]),  # a bullet is no number
])
def test_word_number_formats(tmp_path, rules, fmt, text, shown):
    doc = Document()
    set_numbering(doc, {"1": [level(0, fmt, text)]}, {"1": ("1", {})})
    for _ in range(3):
        numbered(doc, "Title", 1, 0)
    doc.save(tmp_path / "formats.docx")
    assert texts(tmp_path / "formats.docx", rules) == [s + "Title" for s in shown]


def test_lower_levels_restart_and_show_their_parents(tmp_path, rules):
    legal = level(1, "chineseCounting", "%1.%2", extra="<w:isLgl/>")  # isLgl: parents in Arabic digits
    never = level(2, "decimal", "%3)", extra='<w:lvlRestart w:val="0"/>')  # never restarts
    doc = Document()
    set_numbering(doc, {"1": [level(0, "chineseCounting", "%1、"), legal, never]}, {"1": ("1", {})})
    for text, ilvl in [("A", 0), ("B", 1), ("C", 2), ("D", 1), ("E", 0), ("F", 1), ("G", 2), ("H", 2)]:
        numbered(doc, text, 1, ilvl)
    doc.save(tmp_path / "restart.docx")
    assert texts(tmp_path / "restart.docx", rules) == [
        "一、A", "1.一B", "1) C", "1.二D", "二、E", "2.一F", "2) G", "3) H"]


def test_numbering_through_the_paragraph_style(tmp_path, rules):
    doc = Document()
    set_numbering(doc, {"1": CHINESE_LEVELS}, {"4": ("1", {})})
    for name, ilvl in (("Heading 1", 0), ("Heading 2", 1)):
        ppr = doc.styles[name].element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="4"/></w:numPr>'))
    doc.add_paragraph("总体要求", style="Heading 1")
    doc.add_paragraph("主要目标", style="Heading 2")
    numbered(doc, "不编号的标题", num_id=0, style="Heading 2")  # numId 0 takes the style's number away
    doc.add_paragraph("工作原则", style="Heading 2")
    numbered(doc, "重点任务", ilvl=0, style="Heading 2")  # its own level, the style's list
    doc.save(tmp_path / "styled.docx")
    lines = read_lines(tmp_path / "styled.docx", numbering=rules.numbering)
    assert [(ln.text, ln.hint) for ln in lines] == [
        ("一、总体要求", 1), ("（一）主要目标", 2), ("不编号的标题", 2), ("（二）工作原则", 2), ("二、重点任务", 2)]


def test_empty_numbered_paragraphs_count_but_are_no_lines(tmp_path, rules):
    doc = Document()
    set_numbering(doc, {"1": CHINESE_LEVELS}, {"1": ("1", {})})
    numbered(doc, "", 1, 0)
    numbered(doc, "重点任务", 1, 0)
    doc.save(tmp_path / "empty.docx")
    assert texts(tmp_path / "empty.docx", rules) == ["二、重点任务"]


def test_a_broken_or_missing_numbering_part_loses_only_the_numbers(tmp_path, rules):
    doc = Document()
    numbered(doc, "总体要求", 999, 0)  # a list numbering.xml does not define
    doc.save(tmp_path / "plain.docx")
    assert texts(tmp_path / "plain.docx", rules) == ["总体要求"]
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(tmp_path / "plain.docx") as src, zipfile.ZipFile(broken, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            out.writestr(item, b"<w:numbering" if item.filename == "word/numbering.xml" else data)
    assert texts(broken, rules) == ["总体要求"]


def test_hostile_numbers_stay_bounded(tmp_path, rules):
    doc = Document()
    set_numbering(doc, {"1": [level(0, "upperRoman", "%1.", start=999_999_999)]}, {"1": ("1", {})})
    numbered(doc, "Title", 1, 0)
    doc.save(tmp_path / "huge.docx")
    assert texts(tmp_path / "huge.docx", rules) == ["999999999. Title"]


# -- tracked changes, comments, tables, text boxes, headers and footers --------------------------

def test_inserted_text_counts_and_deleted_text_does_not(tmp_path, rules):
    doc = Document()
    para = doc.add_paragraph("到2025年，单位地区生产总值能耗下降")
    change = f'w:id="{{}}" w:author="office" w:date="2026-01-01T00:00:00Z" {W}'
    para._p.append(parse_xml(f'<w:del {change.format(1)}><w:r><w:delText>13.5%</w:delText></w:r></w:del>'))
    para._p.append(parse_xml(f'<w:ins {change.format(2)}><w:r><w:t>14%</w:t></w:r></w:ins>'))
    para._p.append(parse_xml(f'<w:moveFrom {change.format(3)}><w:r><w:t>（移走）</w:t></w:r></w:moveFrom>'))
    doc.add_comment(para.runs[0], text="请核实目标值", author="reviewer")
    doc.sections[0].header.paragraphs[0].text = "页眉：内部征求意见稿"
    doc.sections[0].footer.paragraphs[0].text = "第1页"
    doc.save(tmp_path / "changes.docx")
    assert texts(tmp_path / "changes.docx", rules) == ["到2025年，单位地区生产总值能耗下降14%"]


def test_table_rows_are_body_lines_and_one_column_frames_hold_paragraphs(tmp_path, rules):
    doc = Document()
    doc.add_paragraph("附件：重点任务分工表")
    table = doc.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("序号", "重点任务", "牵头单位"), ("一、能源绿色低碳转型行动",),
                                        ("1", "推进煤电机组节能降碳改造", "县发展改革局")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    table.cell(1, 0).merge(table.cell(1, 2))  # a group row spans the table: still a row, not a heading
    table.rows[2].cells[2].add_paragraph("县工业和信息化局")
    frame = doc.add_table(rows=1, cols=1)
    frame.cell(0, 0).text = "一、总体要求"
    frame.cell(0, 0).add_paragraph("到2025年，单位地区生产总值能耗下降14%。")
    doc.save(tmp_path / "tables.docx")
    lines = read_lines(tmp_path / "tables.docx", numbering=rules.numbering)
    assert [(ln.text, ln.hint) for ln in lines] == [
        ("附件：重点任务分工表", None), ("序号\t重点任务\t牵头单位", BODY_ROW), ("一、能源绿色低碳转型行动", BODY_ROW),
        ("1\t推进煤电机组节能降碳改造\t县发展改革局 县工业和信息化局", BODY_ROW),
        ("一、总体要求", None), ("到2025年，单位地区生产总值能耗下降14%。", None)]


TEXT_BOX = ('<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>'
            '<mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p>'
            '</w:txbxContent></wps:txbx></w:drawing></mc:Choice>'
            '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p>'
            '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def test_text_boxes_are_not_body_text(tmp_path, rules):
    doc = Document()
    para = doc.add_paragraph("前")
    para._p.append(parse_xml(TEXT_BOX.format(W=W)))
    para.add_run("后")
    doc.add_paragraph("下一段")
    doc.save(tmp_path / "box.docx")
    lines = read_lines(tmp_path / "box.docx", numbering=rules.numbering)
    assert [(ln.text, ln.no) for ln in lines] == [("前后", 1), ("下一段", 2)]


# -- end to end: a generated plan whose heading numbers Word numbers -------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_numbered_by_word_reads_to_the_same_outline(tmp_path, rules, lang):
    from drafter.api import Settings, generate, outline, render
    from testkit import SAMPLES

    settings = Settings.with_rules(rules, lang=lang)
    original = tmp_path / "original.docx"
    original.write_bytes(render(generate(SAMPLES / "deqing.yaml", settings), "docx", settings))
    word_numbered(original, tmp_path / "word.docx", lang, rules)
    by_word = [p for p in Document(str(tmp_path / "word.docx")).paragraphs
               if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(by_word) > 30  # every heading's number is Word's now

    def ids(path):
        return [(s.id, s.level, s.title) for s in outline(path, settings).walk()]

    assert ids(tmp_path / "word.docx") == ids(original)
    assert len(ids(original)) > 30


def test_an_annex_table_leaves_the_outline_as_it_is(tmp_path, rules):
    """A task-division annex repeats the plan's numbers in its rows: they are body text."""
    from drafter.api import Settings, generate, outline, render
    from testkit import SAMPLES

    settings = Settings.with_rules(rules, lang="zh")
    original = tmp_path / "original.docx"
    original.write_bytes(render(generate(SAMPLES / "deqing.yaml", settings), "docx", settings))
    doc = Document(str(original))
    doc.add_paragraph("附件：重点任务分工表")
    table = doc.add_table(rows=3, cols=3)
    for row, values in zip(table.rows, [("序号", "重点任务", "牵头单位"), ("一、", "能源绿色低碳转型行动", ""),
                                        ("1.", "到2025年，新能源装机容量达到300兆瓦", "县发展改革局")]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    doc.save(str(tmp_path / "annex.docx"))

    def ids(path):
        return [(s.id, s.level, s.title) for s in outline(path, settings).walk()]

    assert ids(tmp_path / "annex.docx") == ids(original)
    last = list(outline(tmp_path / "annex.docx", settings).walk())[-1]
    assert last.paragraphs[-1] == "1.\t到2025年，新能源装机容量达到300兆瓦\t县发展改革局"


# -- a hostile numbering.xml is refused like a hostile styles.xml -----------------------------------

NUMBERED_BODY = (f'<w:document {W}><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
                 '</w:pPr><w:r><w:t>Title</w:t></w:r></w:p></w:body></w:document>')


@pytest.mark.parametrize("numbering,words", [
    (f"<w:numbering {W}>" + " " * (8 * 1024 * 1024) + "</w:numbering>",
     "word/numbering.xml expands over 200 times its compressed size (zip bomb?)"),
    ('<!DOCTYPE n [<!ENTITY a "aaaa">]>' + f"<w:numbering {W}>&a;</w:numbering>",
     "word/numbering.xml declares XML entities"),
])
def test_hostile_numbering_part_is_refused_in_one_line(tmp_path, rules, numbering, words):
    from drafter.errors import DrafterError

    path = tmp_path / "hostile.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", NUMBERED_BODY)
        z.writestr("word/numbering.xml", numbering)
    with pytest.raises(DrafterError) as err:
        read_lines(path, numbering=rules.numbering)
    assert words in err.value.render() and "\n" not in err.value.render()


def test_a_list_style_lends_its_numbering(tmp_path, rules):
    """w:numStyleLink: the list counts with the numbering the list style's own w:numPr names."""
    doc = Document()
    set_numbering(doc, {"1": [], "2": CHINESE_LEVELS}, {"1": ("1", {}), "2": ("2", {})})
    numbering = doc.part.numbering_part.element
    numbering[0].append(parse_xml(f'<w:numStyleLink {W} w:val="PlanList"/>'))
    doc.styles.element.append(parse_xml(
        f'<w:style {W} w:type="numbering" w:styleId="PlanList"><w:name w:val="Plan list"/>'
        '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'))
    numbered(doc, "总体要求", 1, 0)
    numbered(doc, "主要目标", 1, 1)
    doc.save(tmp_path / "linked.docx")
    assert texts(tmp_path / "linked.docx", rules) == ["一、总体要求", "（一）主要目标"]
