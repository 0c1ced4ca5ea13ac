"""The document's own settings, read from the .docx package: the grid, widow control, the built-in
styles, the properties, and no part or word of python-docx's default template."""

import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter.api import generate_document, render
from drafter.writers import docx_setup
from testkit import SAMPLE_NAMES

ZH = [(name, "zh") for name in SAMPLE_NAMES]


@pytest.mark.parametrize("name,lang", ZH)
def test_grid_of_22_lines_of_28_characters_and_no_widow_control(generated, name, lang):
    d = Document(str(generated[(name, lang)][1]))
    assert d.styles["Normal"].paragraph_format.widow_control is False
    for section in d.sections:
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid.get(qn("w:type")) == "linesAndChars" and grid.get(qn("w:linePitch")) == "579"
        # Word's character pitch is the default size (16 pt) plus charSpace/4096 pt: 156 mm / 28
        pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096
        assert pitch * 28 == pytest.approx(156 / 25.4 * 72, abs=0.1)
    defaults = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "32"


def test_english_keeps_widow_control_and_no_grid(generated):
    d = Document(str(generated[("jiangmen", "en")][1]))
    assert d.styles["Normal"].paragraph_format.widow_control is not False
    assert d.sections[0]._sectPr.find(qn("w:docGrid")).get(qn("w:type")) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_leftovers_of_the_default_template(generated, lang):
    path = generated[("jiangmen", lang)][1]
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        assert not [n for n in names if "thumbnail" in n or "stylesWithEffects" in n or n.startswith("customXml")]
        for n in names:
            assert b"stylesWithEffects" not in z.read(n) and b"customXml" not in z.read(n), n
        props = b"".join(z.read(n) for n in names if n.startswith("docProps/"))
    assert b"python-docx" not in props and b"2013-" not in props


def test_properties_name_the_issuer_and_the_generation_time(generated):
    d = Document(str(generated[("example-county", "zh")][1]))
    props = d.core_properties
    assert props.author == props.last_modified_by == "清溪县人民政府"
    assert props.title == "清溪县碳达峰实施方案" and props.comments == "" and props.language == "zh-CN"
    now = dt.datetime.now(dt.timezone.utc)
    assert props.created == props.modified
    assert abs(now - props.created.replace(tzinfo=dt.timezone.utc)) < dt.timedelta(hours=1)


@pytest.mark.parametrize("name,east,size", [("Title", "方正小标宋简体", 22), ("Heading 1", "黑体", 16),
                                            ("Heading 2", "楷体_GB2312", 16), ("Heading 3", "仿宋_GB2312", 16)])
def test_builtin_title_and_headings_take_the_official_fonts(generated, name, east, size):
    style = Document(str(generated[("jiangmen", "zh")][1])).styles[name]
    fonts = style.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == east and fonts.get(qn("w:ascii")) == "Times New Roman"
    assert not any(k.endswith("Theme") or k.endswith("theme") for k in fonts.attrib)
    assert style.font.size == Pt(size) and style.font.bold is False
    assert style.element.rPr.find(qn("w:color")) is None  # black, not the template's blue
    assert style.element.pPr.find(qn("w:pBdr")) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_only_the_styles_a_plan_uses_and_every_style_named_is_defined(generated, lang):
    path = generated[("jiangmen", lang)][1]
    d = Document(str(path))
    ids = {s.get(qn("w:styleId")) for s in d.styles.element.findall(qn("w:style"))}
    assert {"Normal", "Title", "Heading1", "Heading2", "Heading3", "Footer"} <= ids
    assert not ids & {"LightShading", "MediumGrid1-Accent1", "Quote", "Heading9", "TableGrid"}
    with zipfile.ZipFile(path) as z:
        named = set()
        for n in z.namelist():
            if n.endswith(".xml") and n.startswith("word/"):
                root = parse_xml(z.read(n))
                for tag in ("w:pStyle", "w:rStyle", "w:basedOn", "w:link", "w:next"):
                    named |= {el.get(qn("w:val")) for el in root.iter(qn(tag))}
        assert named <= ids  # nothing refers to a style that was dropped
        assert z.getinfo("word/styles.xml").file_size < 40_000  # the default template's: 342 KB


def test_each_plan_starts_from_the_same_base_and_shares_nothing_with_the_previous(rules, sample_params):
    first = render(generate_document(sample_params["jiangmen"], "zh", rules=rules), "docx")
    second_doc = generate_document(sample_params["example-county"], "zh", rules=rules)
    second = Document(io.BytesIO(render(second_doc, "docx")))
    assert docx_setup.base_document(rules.layout.zh) is docx_setup.base_document(rules.layout.zh)
    texts = [p.text for p in second.paragraphs]
    assert not [t for t in texts if "江门" in t]  # nothing of the first plan
    assert texts.count("") < len(texts) and second.core_properties.title == second_doc.title
    with zipfile.ZipFile(io.BytesIO(first)) as a, zipfile.ZipFile(io.BytesIO(render(second_doc, "docx"))) as b:
        assert a.read("word/styles.xml") == b.read("word/styles.xml")
        assert a.read("word/footer1.xml") == b.read("word/footer1.xml")


def test_bases_of_layouts_loaded_again_and_again_do_not_pile_up(rules):
    layouts = [rules.layout.zh.model_copy() for _ in range(12)]
    for lay in layouts:
        docx_setup.base_document(lay)
    assert len(docx_setup._BASES) <= docx_setup._MAX_BASES
    assert docx_setup.base_document(layouts[-1]) is docx_setup.base_document(layouts[-1])
