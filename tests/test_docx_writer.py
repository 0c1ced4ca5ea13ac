"""Open each generated .docx as a reviewer would: outline, targets, GB/T 9704 layout, language, page numbers."""

import re

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from drafter.quantities import format_quantity

from testkit import SAMPLE_NAMES
from docx_read import east_asian_font, full_text, headings, outline_level

CASES = [(name, lang) for name in SAMPLE_NAMES for lang in ("zh", "en")]


def model_headings(doc):
    return [(s.level, s.heading.strip()) for s in doc.walk()]


@pytest.mark.parametrize("name,lang", CASES)
def test_headings_in_order_with_numbering(generated, name, lang):
    doc, path, _ = generated[(name, lang)]
    assert headings(path) == model_headings(doc)


def test_jiangmen_chinese_outline_as_a_reader_sees_it(generated):
    got = headings(generated[("jiangmen", "zh")][1])
    assert got[:6] == [(1, "一、总体要求"), (2, "（一）指导思想"), (2, "（二）主要目标"), (1, "二、重点任务"),
                       (2, "（一）能源绿色低碳转型行动"), (3, "1.严格合理控制煤炭消费")]
    assert (2, "（十二）梯次有序碳达峰行动") in got
    assert got[-1] == (2, "（三）严格监督考核")


def test_guangan_english_outline_restarts_tasks(generated):
    got = headings(generated[("guangan", "en")][1])
    assert got[0] == (1, "I. General Requirements")
    assert (2, "(10) Phased and Orderly Carbon Peaking") in got
    after_energy = got[got.index((2, "(2) Energy Conservation, Carbon Reduction and Efficiency Improvement")) + 1]
    assert after_energy == (3, "1. Improving energy conservation and carbon reduction management")


_QUAL_ZH = {"about": "{v}左右", "more_than": "{v}以上", "at_least": "不低于{v}", "at_most": "{v}以内",
            "exact": "{v}", "all": "{v}"}
_QUAL_EN = {"about": "about {v}", "more_than": "more than {v}", "at_least": "at least {v}",
            "at_most": "no more than {v}", "exact": "{v}", "all": "{v}"}


def expected_fragment(target, indicator, lang, rules):
    if target.superior:
        return "下达的目标任务" if lang == "zh" else "will meet the target set by"
    if target.trend:
        return "稳步提升" if lang == "zh" else "will increase steadily"
    if target.relative:
        return getattr(target.relative, lang)
    value = format_quantity(target.value, target.unit or indicator.unit, lang, rules)
    return (_QUAL_ZH if lang == "zh" else _QUAL_EN)[target.qualifier].format(v=value)


@pytest.mark.parametrize("name,lang", CASES)
def test_every_target_is_phrased_with_value_year_and_qualifier(generated, sample_params, rules, name, lang):
    text = full_text(generated[(name, lang)][1])
    sentences = re.findall(r"到\d{4}年[^。]*。" if lang == "zh" else r"By \d{4}, [^.]*(?:\.\d[^.]*)*\.", text)
    for target in sample_params[name].targets:
        indicator = rules.indicator(target.indicator)
        iname = indicator.name.zh if lang == "zh" else indicator.name.en
        year = f"到{target.year}年" if lang == "zh" else f"By {target.year},"
        fragment = expected_fragment(target, indicator, lang, rules)
        strive = ("力争" if lang == "zh" else "strive") if target.strive else ""
        hits = [s for s in sentences if s.startswith(year) and iname in s and fragment in s and strive in s]
        assert hits, f"{target.indicator} {target.year} ({fragment}) not stated in {name}-{lang}"


def test_some_seed_targets_read_exactly(generated):
    guangan = full_text(generated[("guangan", "en")][1])
    assert "By 2025, energy consumption per unit of GDP will be more than 14.5% lower than in 2020" in guangan
    assert "total installed renewable power capacity will reach more than 400,000 kW" in guangan
    dezhou = full_text(generated[("dezhou", "zh")][1])
    assert "到2030年，光伏发电装机容量达到400万千瓦，风电装机容量达到370万千瓦。" in dezhou
    assert "到2030年，新型储能装机容量达到100万千瓦以上。（责任单位：市发展改革委、市工业和信息化局）" in dezhou


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_chinese_page_layout_follows_gbt9704(generated, name):
    d = Document(str(generated[(name, "zh")][1]))
    s = d.sections[0]
    assert abs(s.page_width - Mm(210)) < Mm(0.1) and abs(s.page_height - Mm(297)) < Mm(0.1)
    for got, mm in ((s.top_margin, 37), (s.bottom_margin, 35), (s.left_margin, 28), (s.right_margin, 26)):
        assert abs(got - Mm(mm)) < Mm(0.1)
    normal = d.styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert abs(normal.line_spacing.pt - 28.95) < 0.01
    assert d.styles["Normal"].font.size == Pt(16)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_chinese_fonts_sizes_and_indent(generated, name):
    d = Document(str(generated[(name, "zh")][1]))
    paragraphs = d.paragraphs
    runs = [r for p in paragraphs for r in p.runs if r.text]
    assert runs and all(east_asian_font(r) for r in runs), "every run sets its East Asian font"
    title = next(p for p in paragraphs if p.text.endswith("碳达峰实施方案") or p.text.endswith("碳达峰工作方案"))
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert east_asian_font(title.runs[0]) == "方正小标宋简体" and title.runs[0].font.size == Pt(22)
    for p in paragraphs:
        level = outline_level(p)
        if level == 0:
            assert east_asian_font(p.runs[0]) == "黑体"
        elif level == 1:
            assert east_asian_font(p.runs[0]) == "楷体_GB2312"
    body = [p for p in paragraphs if outline_level(p) is None and len(p.text) > 60]
    assert body
    for p in body:
        assert east_asian_font(p.runs[-1]) == "仿宋_GB2312"
        assert p.runs[-1].font.size == Pt(16)
        assert p.paragraph_format.first_line_indent == Pt(32)
        assert not any(r.font.bold for r in p.runs)  # GB/T 9704 asks for no bold


def test_chinese_notice_envelope(generated):
    text = [p.text for p in Document(str(generated[("example-county", "zh")][1])).paragraphs]
    i = text.index("清溪县人民政府关于印发\n清溪县碳达峰实施方案的通知")
    assert text[i - 2] == "清政发〔2026〕5号"
    assert text[i + 2] == "各乡镇人民政府、县直各单位："
    assert "清溪县人民政府" in text and "2026年3月18日" in text
    assert text.index("2026年3月18日") < text.index("清溪县碳达峰实施方案")


@pytest.mark.parametrize("name,lang", CASES)
def test_language_is_set_and_no_japanese_fallback(generated, name, lang):
    d = Document(str(generated[(name, lang)][1]))
    styles_xml = d.styles.element.xml
    settings_xml = d.settings.element.xml
    assert "ja-JP" not in styles_xml and "ja-JP" not in settings_xml
    assert 'w:eastAsia="zh-CN"' in settings_xml  # themeFontLang
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang_el = defaults.find(qn("w:lang"))
    assert lang_el.get(qn("w:eastAsia")) == "zh-CN"
    assert lang_el.get(qn("w:val")) == ("zh-CN" if lang == "zh" else "en-US")
    assert "eastAsiaTheme" not in styles_xml


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_page_number_fields_odd_right_even_left(generated, name):
    d = Document(str(generated[(name, "zh")][1]))
    assert d.settings.odd_and_even_pages_header_footer
    s = d.sections[0]
    for footer, align in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT), (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        para = footer.paragraphs[0]
        xml = para._p.xml
        assert "PAGE" in "".join(t.text or "" for t in para._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert para.alignment == align
        assert para.text.startswith("— ") and para.text.endswith(" —")
        assert all(east_asian_font(r) == "宋体" and r.font.size == Pt(14) for r in para.runs if r.text)
        digits = [r._r.rPr.find(qn("w:rFonts")).get(qn("w:ascii")) for r in para.runs]
        assert set(digits) == {"宋体"}  # 7.5: 宋体 digits, not the body's Times New Roman


def test_english_layout(generated):
    d = Document(str(generated[("jiangmen", "en")][1]))
    runs = [r for p in d.paragraphs for r in p.runs if r.text]
    rfonts = [r._r.rPr.find(qn("w:rFonts")) for r in runs]
    assert all(f.get(qn("w:ascii")) == "Times New Roman" and f.get(qn("w:eastAsia")) for f in rfonts)
    assert "PAGE" in d.sections[0].footer.paragraphs[0]._p.xml
    assert [outline_level(p) for p in d.paragraphs if p.text == "II. Key Tasks"] == [0]


def test_long_chinese_title_breaks_after_guanyu_yinfa(generated):
    d = Document(str(generated[("jiangmen", "zh")][1]))
    title = next(p for p in d.paragraphs if p.text.startswith("江门市人民政府关于印发"))
    assert title.text == "江门市人民政府关于印发\n江门市碳达峰实施方案的通知"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_layout_is_a_parameter_of_the_writer(generated, rules, tmp_path):
    from drafter.writers.docx_writer import to_docx
    doc = generated[("jiangmen", "zh")][0]
    zh = rules.layout.zh.model_copy(update={"title_font": "Test Title Font", "margins_mm": (30, 30, 30, 30)})
    path = tmp_path / "own.docx"
    path.write_bytes(to_docx(doc, rules.layout.model_copy(update={"zh": zh})))
    out = Document(str(path))
    assert round(out.sections[0].top_margin.mm) == 30 and round(out.sections[0].left_margin.mm) == 30
    title = next(p for p in out.paragraphs if p.text.replace("\n", "") == doc.title)
    assert east_asian_font(title.runs[0]) == "Test Title Font"


def test_long_titles_break_after_the_layout_markers(rules):
    from drafter.writers.docx_writer import title_lines
    title = "某某市人民政府关于印发某某市碳达峰实施方案的通知"
    assert title_lines(title, rules.layout) == ["某某市人民政府关于印发", "某某市碳达峰实施方案的通知"]
    assert title_lines("短标题", rules.layout) == ["短标题"]


def test_tasks_have_the_third_outline_level(generated):
    d = Document(str(generated[("jiangmen", "zh")][1]))
    tasks = [p for p in d.paragraphs if outline_level(p) == 2]
    assert tasks and tasks[0].runs[0].text == "1.严格合理控制煤炭消费。"
    assert {outline_level(p) for p in d.paragraphs} >= {0, 1, 2}  # three levels in the navigation pane


def test_prompts_are_highlighted(rules, tmp_path):
    import io
    from drafter.api import generate_document, render
    from drafter.generate.params import load_params
    from testkit import SAMPLES
    doc = generate_document(load_params(SAMPLES / "example-county.yaml", rules), "zh", rules=rules)
    d = Document(io.BytesIO(render(doc, "docx")))
    runs = [r for p in d.paragraphs for r in p.runs if r.text]
    marked = [r for r in runs if r._r.rPr.find(qn("w:highlight")) is not None]
    assert marked and all(r.text.startswith("【待补充") and r.text.endswith("】") for r in marked)
    assert {r._r.rPr.find(qn("w:highlight")).get(qn("w:val")) for r in marked} == {"yellow"}
    assert any(r.text == "【待补充：本地重点项目、企业、园区和各地的具体举措】" for r in marked)
    unmarked = [r.text for r in runs if r._r.rPr.find(qn("w:highlight")) is None]
    assert not any("【待补充" in t for t in unmarked)
