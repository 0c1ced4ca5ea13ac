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


# The writer's numbers and the reader's markers come from one block of rules/structure.yaml.
@pytest.mark.parametrize("lang,level,family", [("zh", 1, "cn1"), ("zh", 2, "paren"), ("zh", 3, "ar"), ("zh", 4, "paren"),
                                               ("en", 1, "rom1"), ("en", 2, "paren"), ("en", 3, "ar")])
def test_the_reader_reads_every_number_the_writer_prints(rules, lang, level, family):
    from drafter.read.headings import Item, classify
    from drafter.read.lines import Line
    from drafter.read.profile import profiles

    profile = profiles(rules)[lang == "zh"]
    for n in range(1, 21):  # a plan has fewer than twenty parts at any level
        cand = classify(Item.of(Line(number_text(lang, level, n) + "Title", 1)), profile)
        assert (cand.family, cand.number, cand.title) == (family, n, "Title"), (lang, level, n)
        assert cand.cn_paren == (lang == "zh" and level == 2)


def test_numbers_follow_a_rules_folders_numbering(rules):
    custom = rules.numbering.model_copy(update={"forms": {"zh": ["第{cn}章", "{cn}.", "{n}.", "({n})"],
                                                          "en": ["Part {roman}: ", "{letter}) ", "{n}. ", "({n}) "]}})
    assert [number_text("zh", level, 12, custom) for level in (1, 2)] == ["第十二章", "十二."]
    assert [number_text("en", level, 2, custom) for level in (1, 2)] == ["Part II: ", "b) "]
    assert chinese_numeral(21, custom) == "二十一"


@pytest.mark.parametrize("fmt,n,text", [
    ("chineseCounting", 21, "二十一"), ("chineseCountingThousand", 10, "十"), ("ideographTraditional", 10, "癸"),
    ("ideographDigital", 105, "一零五"), ("decimalEnclosedCircle", 20, "⑳"), ("decimalEnclosedCircle", 21, "21"),
    ("upperRoman", 14, "XIV"), ("lowerRoman", 4, "iv"), ("lowerLetter", 27, "aa"), ("upperLetter", 2, "B"),
    ("decimalZero", 7, "07"), ("decimalEnclosedParen", 3, "⑶"), ("someFutureFormat", 3, "3"),
    ("upperRoman", 123_456, "123456"),  # beyond Word's range: Arabic digits, never a runaway numeral
])
def test_word_numbering_formats(fmt, n, text):
    from drafter.numbering import word_number

    assert word_number(fmt, n) == text


def test_word_numbers_without_the_cyclic_signs_are_arabic(rules):
    from drafter.numbering import word_number

    custom = rules.numbering.model_copy(update={"ideograph_traditional": None})
    assert word_number("ideographTraditional", 3, custom) == "3"
