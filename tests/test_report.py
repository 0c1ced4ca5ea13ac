"""Validation reports as text: the head line, the findings grouped by section and line, and the
summary foot, in the words of rules/wording.yaml's `report` block."""

from drafter.check.report import format_outline, format_report, format_summary, heading

REPORT = {"file": "plan.docx", "language": "zh-Hans", "ok": False,
          "summary": {"errors": 1, "warnings": 2, "info": 1},
          "sections": [{"id": "main_objectives", "number": "（一）", "title": "主要目标", "line": 3, "children": []}],
          "findings": [{"section": "main_objectives", "line": 3, "severity": "error", "rule": "placeholder",
                        "message": "m1"},
                       {"section": None, "line": None, "severity": "warning", "rule": "x", "message": "m2"}]}


def test_chinese_report():
    assert format_report(REPORT, "zh").splitlines() == [
        "plan.docx [zh-Hans]：错误1项，警告2项，提示1项",
        "  （一）主要目标（第3行）",
        f"    {'错误':<8} {'placeholder':<20} m1",
        "  （全文）",
        f"    {'警告':<8} {'x':<20} m2"]


def test_english_report_counts_in_singular_and_plural():
    lines = format_report(REPORT, "en").splitlines()
    assert lines[0] == "plan.docx [zh-Hans]: 1 error, 2 warnings, 1 info"
    assert lines[1] == "  （一）主要目标 (line 3)" and lines[3] == "  (whole document)"


def test_sections_sharing_an_id_are_each_labelled_with_their_own_heading():
    unknown = [{"id": "unrecognized", "number": "（二）", "title": "其他事项", "line": 7, "children": []},
               {"id": "unrecognized", "number": "（三）", "title": "附则", "line": 9, "children": []}]
    findings = [{"section": "unrecognized", "line": line, "severity": "info", "rule": "unrecognized-section",
                 "message": "m"} for line in (7, 9)]
    lines = format_report({**REPORT, "sections": unknown, "findings": findings}, "en").splitlines()
    assert lines[1] == "  （二）其他事项 (line 7)" and lines[3] == "  （三）附则 (line 9)"


def test_a_clean_report():
    clean = {**REPORT, "ok": True, "summary": {"errors": 0, "warnings": 0, "info": 2}, "findings": []}
    assert format_report(clean, "en") == "plan.docx [zh-Hans]: 0 errors, 0 warnings, 2 info\n  no findings"
    assert format_report(clean, "zh").endswith("\n  未发现问题")


def test_summary_foot_in_each_language():
    row = {"file": "plan.docx", "language": "zh-Hans", "errors": 1, "warnings": 2, "info": 1, "missing": [],
           "message": ""}
    rows = [{**row, "status": "errors"}, {**row, "status": "ok", "errors": 0}]
    assert format_summary(rows, "text", "en").endswith("2 files: 1 without errors, 1 with errors, 0 unreadable\n")
    assert format_summary(rows, "text", "zh").endswith("共2个文件：无错误1个，有错误1个，无法读取0个\n")


def test_run_in_heading_numbers():
    assert heading("一、", "总体要求") == "一、总体要求"
    assert heading("（三）", "主要目标") == "（三）主要目标"
    assert heading("I.", "General requirements") == "I. General requirements"
    assert format_outline({"file": "f", "language": "zh", "title": "t", "sections": REPORT["sections"]}).splitlines()[1] \
        .startswith("  main_objectives")


def test_a_finding_on_a_paged_source_names_the_page_and_the_line_on_it():
    paged = {**REPORT, "findings": [{**REPORT["findings"][0], "line": 28, "page": 2, "page_line": 6},
                                    REPORT["findings"][1]]}
    assert format_report(paged, "en").splitlines()[1] == "  （一）主要目标 (p. 2, line 6; line 28 of the text)"
    assert format_report(paged, "zh").splitlines()[1] == "  （一）主要目标（第2页第6行，全文第28行）"
