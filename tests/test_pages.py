"""Paged text without what the pages add: page numbers, running heads, split heading numbers,
the spaces PDF extraction puts beside Chinese text; each line keeps its page and line on it."""

from drafter.model import Document
from drafter.read.lines import Line
from drafter.read.pages import page_starts, paged_lines, tidy


def texts(lines):
    return [line.text for line in lines]


def test_page_numbers_in_every_form_are_dropped():
    pages = [["- 1 -", "一、总体要求", "正文。"], ["正文二。", "— 2 —"], ["3", "正文三。"], ["正文四。", "Page 4 / 4"]]
    assert texts(paged_lines(pages, 100)) == ["一、总体要求", "正文。", "正文二。", "正文三。", "正文四。"]


def test_a_year_alone_on_a_line_is_text_not_a_page_number():
    assert texts(paged_lines([["到", "2030"]], 100)) == ["到", "2030"]


def test_a_running_head_repeated_on_most_pages_is_dropped_with_its_page_number():
    bodies = ["甲。", "乙。", "丙。", "丁。", "戊。"]
    pages = [[f"示例县碳达峰实施方案 第{n}页", body] for n, body in enumerate(bodies, 1)]
    assert texts(paged_lines(pages, 100)) == bodies


def test_a_line_repeated_on_two_pages_only_is_kept():
    pages = [["通知", "甲。"], ["通知", "乙。"], ["丙。"], ["丁。"], ["戊。"], ["己。"]]
    assert texts(paged_lines(pages, 100))[:3] == ["通知", "甲。", "通知"]


def test_a_heading_number_alone_on_its_line_joins_the_title_below():
    pages = [["七、", "加强组织领导", "（三）", "主要目标", "1.", "推进煤炭消费替代"]]
    lines = paged_lines(pages, 100)
    assert texts(lines) == ["七、加强组织领导", "（三）主要目标", "1.推进煤炭消费替代"]
    assert [(ln.no, ln.page_line) for ln in lines] == [(1, 1), (3, 3), (5, 5)]


def test_a_number_split_over_two_lines_is_one_heading():
    assert texts(paged_lines([["十", "一、健全法规标准", "（十", "二）完善政策"]], 100)) == \
        ["十一、健全法规标准", "（十二）完善政策"]


def test_spaces_between_chinese_and_digits_or_latin_letters_are_removed():
    assert tidy(" 到 2030 年，单位 GDP 能耗下降 13.5% 左右 ") == "到2030年，单位GDP能耗下降13.5%左右"
    assert tidy("党中央 统筹国内") == "党中央统筹国内"
    assert tidy("reduce CO2 by 2030") == "reduce CO2 by 2030"


def test_lines_are_numbered_in_the_whole_text_and_on_their_page():
    pages = [["- 1 -", "一、总体要求", "", "正文。"], ["- 2 -", "二、重点任务"]]
    lines = paged_lines(pages, 100)
    assert [(ln.text, ln.no, ln.page, ln.page_line) for ln in lines] == [
        ("一、总体要求", 2, 1, 2), ("正文。", 4, 1, 4), ("二、重点任务", 6, 2, 2)]
    assert page_starts(lines) == [(1, 1), (5, 2)]


def test_past_the_line_limit_nothing_is_returned():
    assert paged_lines([["甲", "乙", "丙"]], 2) is None


def test_a_document_names_the_page_and_line_on_it_of_a_line_number():
    doc = Document(language="zh-Hans", title="", page_starts=[(1, 1), (5, 2), (40, 3)])
    assert doc.page_of(4) == (1, 4)
    assert doc.page_of(5) == (2, 1)
    assert doc.page_of(43) == (3, 4)
    assert doc.page_of(None) == (None, None)
    assert Document(language="zh-Hans", title="").page_of(7) == (None, None)


def test_unpaged_lines_have_no_page_starts():
    assert page_starts([Line("甲", 1), Line("乙", 2)]) == []


def test_spaces_from_pdf_extraction_do_not_change_the_targets_found(tmp_path):
    from drafter.api import parent_targets

    body = ["示例县碳达峰实施方案", "一、总体要求", "（一）主要目标",
            "到 2025 年，单位 GDP 能耗比 2020 年下降 14%，非化石能源消费比重达到 20% 左右。",
            "到 2030 年，单位 GDP 二氧化碳排放比 2005 年下降 65% 以上，顺利实现 2030 年前碳达峰目标。"]
    paged = tmp_path / "paged.txt"  # a form feed makes it paged text, read as a PDF's pages are
    paged.write_text("\n".join(body[:3]) + "\n- 1 -\n\f" + "\n".join(body[3:]) + "\n- 2 -\n", encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text("\n".join(line.replace(" ", "") for line in body), encoding="utf-8")

    def found(path):
        return [(t.indicator, t.year, t.value, t.qualifier) for t in parent_targets(path)]
    assert found(paged) == found(plain)
    assert ("carbon_peak_year", 2030, 2030.0, "before") in found(paged) and len(found(plain)) >= 4
