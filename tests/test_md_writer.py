"""The Markdown has the same outline as the .docx."""

import re

import pytest

from testkit import SAMPLE_NAMES
from docx_read import headings


def md_headings(text):
    out = []
    for line in text.splitlines():
        m = re.match(r"^(#{2,})\s+(.*)$", line)
        if m:
            out.append((len(m.group(1)) - 1, m.group(2).strip()))
    return out


@pytest.mark.parametrize("name,lang", [(n, l) for n in SAMPLE_NAMES for l in ("zh", "en")])
def test_markdown_outline_equals_docx_outline(generated, name, lang):
    _, path, md = generated[(name, lang)]
    assert md_headings(md) == headings(path)


def test_markdown_has_title_notice_and_targets(generated):
    md = generated[("jiangmen", "zh")][2]
    assert md.startswith("# 江门市人民政府关于印发江门市碳达峰实施方案的通知\n")
    assert "\n# 江门市碳达峰实施方案\n" in md
    assert "\n## 二、重点任务\n" in md
    assert "到2025年，单位地区生产总值能源消耗比2020年下降14%" in md
