import pytest

from drafter.numbering import chinese_numeral, number_text, roman


@pytest.mark.parametrize("n,text", [(1, "一"), (9, "九"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"),
                                    (37, "三十七")])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_roman():
    assert [roman(n) for n in (1, 4, 9, 11, 14)] == ["I", "IV", "IX", "XI", "XIV"]


def test_levels_by_language():
    assert [number_text("zh", level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert [number_text("en", level, 3).strip() for level in (1, 2, 3)] == ["III.", "(3)", "3."]
