"""The parts around the body, read from the .docx XML: the letterhead (7.2), the issuer and date
(7.3.5.2) and the colophon at the foot of the last even page (7.4)."""

import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from drafter.api import generate_document, render
from drafter.writers.docx_frame import text_chars

from testkit import SAMPLES, rules_without, skeleton_params
from docx_read import east_asian_font


def draft(rules, lang="zh", **update):
    params = skeleton_params("example-county").model_copy(update=update)
    return Document(io.BytesIO(render(generate_document(params, lang, rules=rules), "docx")))


def border(paragraph, side):
    bdr = paragraph._p.pPr.find(qn("w:pBdr"))
    node = None if bdr is None else bdr.find(qn(f"w:{side}"))
    return None if node is None else (int(node.get(qn("w:sz"))), node.get(qn("w:color")), int(node.get(qn("w:space"))))


def test_red_letterhead_mark_number_and_separator(rules):
    d = draft(rules, letterhead=True)
    paras = d.paragraphs
    mark = paras[0]
    assert mark.text == "清溪县人民政府文件" and mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = mark.runs[0]
    assert str(run.font.color.rgb) == "FF0000" and east_asian_font(run) == "方正小标宋简体"
    assert run.font.size == Pt(36)  # 小初: nine characters fit one line
    assert abs(mark.paragraph_format.space_before - Mm(35)) < Mm(0.1)  # 7.2.4: 35 mm below the text block's top
    assert [p.text for p in paras[1:4]] == ["", "", "清政发〔2026〕5号"]  # 7.2.5: two blank lines
    assert border(paras[3], "bottom") == (12, "FF0000", 11)  # 7.2.7: red, 4 mm under the number
    assert [p.text for p in paras[4:6]] == ["", ""] and paras[6].text.startswith("清溪县人民政府关于印发")


def test_a_long_name_shrinks_the_mark_to_one_line(rules):
    from drafter.generate.params import Names
    d = draft(rules, letterhead=True, issuing_authority=Names(zh="清溪县碳达峰碳中和工作领导小组办公室"))
    mark = d.paragraphs[0]
    width = (210 - 28 - 26) / 25.4 * 72
    assert mark.runs[0].font.size.pt * text_chars(mark.text) <= width + 0.01


def test_preprinted_letterhead_keeps_the_band_blank(rules):
    red, blank = draft(rules, letterhead=True).paragraphs, draft(rules, letterhead="preprinted").paragraphs
    assert blank[0].text == "" and blank[0].paragraph_format.space_before == red[0].paragraph_format.space_before
    assert blank[0].paragraph_format.line_spacing == red[0].paragraph_format.line_spacing
    assert blank[3].text == "清政发〔2026〕5号" and border(blank[3], "bottom") is None
    assert blank[3].paragraph_format.space_after > 0  # room for the printed separator
    assert all("FF0000" not in p._p.xml for p in blank[:8])


def test_no_letterhead_by_default(rules, generated):
    d = Document(str(generated[("example-county", "zh")][1]))
    assert d.paragraphs[0].text == "清政发〔2026〕5号" and "FF0000" not in d.element.body.xml


def test_issuer_and_date_as_clause_7_3_5_2(generated):
    d = Document(str(generated[("example-county", "zh")][1]))
    texts = [p.text for p in d.paragraphs]
    i = texts.index("清溪县人民政府")
    issuer, date = d.paragraphs[i], d.paragraphs[i + 1]
    assert texts[i - 1] == "" and date.text == "2026年3月18日"  # one blank line under the body
    assert issuer.alignment == date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # The date (6.5 characters) would run past the issuer (7) shifted two right: it sits two
    # characters in, and the issuer moves in so the date still starts two characters right of it.
    assert date.paragraph_format.right_indent == Pt(32)
    issuer_start = 7 + issuer.paragraph_format.right_indent.pt / 16
    date_start = 6.5 + 2
    assert issuer_start - date_start == pytest.approx(2)


def test_colophon_on_an_even_page_at_the_foot(generated):
    d = Document(str(generated[("example-county", "zh")][1]))
    last = d.sections[-1]
    assert len(d.sections) == 2
    assert last._sectPr.find(qn("w:type")).get(qn("w:val")) == "evenPage"
    assert last._sectPr.find(qn("w:vAlign")).get(qn("w:val")) == "bottom"
    assert all(not f.is_linked_to_previous and f.paragraphs[0].text == ""
               for f in (last.footer, last.even_page_footer))  # 7.5: no number on the colophon's page
    copies, printed = d.paragraphs[-2], d.paragraphs[-1]
    assert copies.text == "抄送：县委各部门，县人大常委会办公室，县政协办公室。"
    assert printed.text == "清溪县人民政府办公室\t2026年3月18日印发"
    assert border(copies, "top")[0] == 8 and border(copies, "bottom")[0] == 6 and border(printed, "bottom")[0] == 8
    for p in (copies, printed):
        assert east_asian_font(p.runs[0]) == "仿宋_GB2312" and p.runs[0].font.size == Pt(14)
        assert east_asian_font(p.runs[-1]) == "仿宋_GB2312" and p.runs[-1].font.size == Pt(14)
    assert copies.paragraph_format.right_indent == Pt(14) and printed.paragraph_format.left_indent == Pt(14)
    # 20 blank lines above: with the colophon's two and one for its rules, the 22 lines of the page
    assert [p.text for p in d.paragraphs[-22:-2]] == [""] * 20 and d.paragraphs[-23].text != ""
    assert copies.paragraph_format.left_indent == Pt(14 + 14 * 3) and copies.paragraph_format.first_line_indent == Pt(-42)
    tab = printed.paragraph_format.tab_stops[0]
    assert abs(tab.position.pt - ((210 - 28 - 26) / 25.4 * 72 - 14)) < 0.1


def test_colophon_without_copies_has_both_thick_rules(rules):
    d = draft(rules, copy_to=[])
    printed = d.paragraphs[-1]
    assert printed.text.endswith("印发") and border(printed, "top")[0] == border(printed, "bottom")[0] == 8


def test_english_colophon(generated):
    d = Document(str(generated[("example-county", "en")][1]))
    assert d.paragraphs[-2].text.startswith("Copied to: all departments of the county Party committee, ")
    assert d.paragraphs[-2].text.endswith(" and General Office of the County CPPCC Committee.")
    assert d.paragraphs[-1].text == "General Office of the Qingxi County People's Government\tIssued on March 18, 2026"


def test_a_letterhead_without_its_layout_block_is_a_one_line_error(rules, tmp_path):
    from click.testing import CliRunner

    from drafter.cli import main

    folder = rules_without(tmp_path / "rules", rules, "layout.yaml", "letterhead")
    params = tmp_path / "plan.yaml"
    params.write_text((SAMPLES / "example-county.yaml").read_text(encoding="utf-8") + "\nletterhead: true\n",
                      encoding="utf-8")
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["generate", str(params), "-o", str(out), "--rules", str(folder),
                                       "--lang", "zh"])
    assert result.exit_code == 2 and not out.exists() and "Traceback" not in result.output
    assert result.stderr == ("drafter: error: layout.yaml:zh: no letterhead block for the parameter letterhead "
                             "(add one as in the built-in rules/layout.yaml, or set letterhead: false)\n")
