"""rules/wording.yaml and rules/layout.yaml: every form the composer writes is read back by the
extractor (dates, level words, document numbers), the placeholder check finds every placeholder
form, and a broken file fails when it is read with one line naming file, key and line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from drafter.errors import DrafterError
from drafter.generate.params import PlanParams
from drafter.model import Document, Notice
from drafter.patterns import pattern_set
from drafter.read.extract import extract_document, parse_date
from drafter.rules import Rules, load_rules

RULES = load_rules()
WORDS = RULES.wording
LEVEL_CHARS = "".join(rule.suffix.zh for rule in WORDS.levels.values())
# Han characters that are no level suffix, for names of places
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5).filter(lambda c: c not in LEVEL_CHARS)
LEVEL_WORDS = {w.lower() for w in WORDS.level_words_en()} | {"ville", "comte", "comté"}
LATIN_NAME = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True).filter(
    lambda n: not any(w in n.lower() for w in LEVEL_WORDS | {"province", "city", "county", "district"}))


# -- written forms read back ---------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)), lang=st.sampled_from(["zh", "en"]))
def test_every_written_date_is_read_back(day, lang):
    written = WORDS.write_date(lang, day.year, day.month, day.day)
    assert parse_date(written, RULES) == day


def test_a_date_form_reads_as_the_notice_shows_it():
    assert WORDS.write_date("zh", 2024, 3, 5) == "2024年3月5日"
    assert WORDS.write_date("en", 2024, 3, 5) == "March 5, 2024"
    assert parse_date("5 mars 2024", RULES) == dt.date(2024, 3, 5)
    assert parse_date("Issued in spring", RULES) is None


@settings(max_examples=200, deadline=None)
@given(level=st.sampled_from(sorted(lv for lv, rule in WORDS.levels.items() if not rule.name)),
       han=st.text(HAN, min_size=1, max_size=6), latin=LATIN_NAME)
def test_a_name_with_its_level_suffix_reads_as_that_level(level, han, latin):
    suffix = WORDS.levels[level].suffix
    assert WORDS.level_of(han + suffix.zh) == level
    assert WORDS.level_of(f"{latin} {suffix.en}") == level


def test_the_country_stands_alone_at_the_national_level():
    country = WORDS.levels["national"].name
    assert WORDS.level_of(country.zh) == WORDS.level_of(country.en) == "national"


def test_a_name_without_level_word_reads_as_the_default_level():
    assert WORDS.level_of("Xanadu") == WORDS.default_level == "city"
    assert WORDS.level_of(None) == "city"


def _extracted_number(number: str) -> str | None:
    notice = Notice(title="t", addressees="", body=[], authority="", date="", document_number=number)
    doc = Document(language="zh-Hans", title="", notice=notice)
    return extract_document(doc, "", RULES).get("document_number")


def _accepted_by_params(number: str) -> bool:
    data = {"locality": {"name": "A", "level": "county", "province": "B"}, "document_number": number}
    try:
        PlanParams.model_validate(data, context={"rules": RULES})
    except ValidationError:
        return False
    return True


NUMBERS = st.builds(lambda issuer, open_, year, close, serial, end: f"{issuer}{open_}{year}{close}{serial}{end}",
                    st.text(HAN, min_size=0, max_size=4), st.sampled_from(["〔", "[", "（"]),
                    st.integers(min_value=0, max_value=99999).map(str), st.sampled_from(["〕", "]", "）"]),
                    st.integers(min_value=0, max_value=999).map(str), st.sampled_from(["号", "", " 号"]))


@settings(max_examples=300, deadline=None)
@given(number=NUMBERS)
def test_params_accept_exactly_the_document_numbers_extract_recognises(number):
    # extract reads a scraped number leniently (spaces dropped, simplified characters), then holds
    # it to the form params accept
    accepted = _accepted_by_params(number.replace(" ", ""))
    extracted = _extracted_number(number)
    assert (extracted is not None) is accepted
    if extracted is not None:
        assert _accepted_by_params(extracted) and RULES.document_number.search(extracted)
    if _accepted_by_params(number):
        assert extracted is not None


def test_document_number_forms():
    assert _accepted_by_params("德府〔2025〕12号") and _extracted_number("德府〔2025〕12号") == "德府〔2025〕12号"
    assert not _accepted_by_params("〔2025〕12号")  # no issuer
    assert not _accepted_by_params("德府[2025]12号")


# -- placeholders -------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_placeholder_check_finds_every_written_placeholder(lang):
    written = getattr(WORDS.placeholder, lang).write("issue date")
    found = pattern_set(WORDS.placeholder_patterns).search(f"text {written} text")
    assert found is not None and found.group(0) == written


def test_placeholder_forms():
    assert WORDS.placeholder.zh.write("地名") == "【待补充：地名】"
    assert WORDS.placeholder.en.write("locality") == "[TO BE COMPLETED: locality]"


def test_placeholder_patterns_are_those_checks_yaml_has_always_listed():
    listed = next(rule for rule in RULES.checks if rule.id == "placeholder").patterns
    assert WORDS.placeholder_patterns == tuple(listed[:2])


# -- broken files -------------------------------------------------------------------------------
def _rules_error(tmp_path, name: str, old: str, new: str) -> str:
    for f in RULES.folder.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert old in text, old
    (tmp_path / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DrafterError) as err:
        Rules(tmp_path)
    message = err.value.render()
    assert f"{name}:" in message and "\n" not in message
    return message


@pytest.mark.parametrize("name,old,new,words", [
    ("wording.yaml", 'zh: "{year}年{month}月{day}日"', 'zh: "{year}年{mon}月{day}日"',
     ["date.zh", "unknown placeholder {mon}", "did you mean {month}"]),
    ("wording.yaml", "  district:\n", "  distrct:\n", ["levels.distrct", "Input should be"]),
    ("wording.yaml", '"^(?P<name>.+?) carbon peak"', '"^(.+?) carbon peak"', ["title_locality", "(?P<name>"]),
    ("wording.yaml", 'reads: ["市$"', 'reads: ["市$("', ["levels.city.reads.0", "not a valid regular expression"]),
    ("wording.yaml", '"径向(.+?)反映"', '"径向.+?反映"', ["report_to", "needs a group"]),
    ("wording.yaml", "clean: no findings", "clear: no findings", ["report.en", "unknown key 'clear'"]),
    ("layout.yaml", "body_size: 16", "body_size: big", ["zh.body_size"]),
    ("layout.yaml", "heading_fonts: [黑体, 楷体_GB2312, 仿宋_GB2312]", "heading_fonts: [黑体]", ["zh.heading_fonts"]),
])
def test_a_broken_wording_or_layout_file_fails_in_one_line(tmp_path, name, old, new, words):
    message = _rules_error(tmp_path, name, old, new)
    for word in words:
        assert word in message


def test_a_wording_file_missing_a_level_names_it(tmp_path):
    text = (RULES.folder / "wording.yaml").read_text(encoding="utf-8")
    start, end = text.index("  district:\n"), text.index("# The level of a name none")
    message = _rules_error(tmp_path, "wording.yaml", text[start:end], "")
    assert "levels: missing key 'district'" in message and "wording.yaml:22:" in message


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_is_read_in_english_and_french(month):
    assert parse_date(f"{WORDS.months.en[month - 1]} 5, 2024", RULES) == dt.date(2024, month, 5)
    assert parse_date(f"5 {WORDS.months.fr[month - 1]} 2024", RULES) == dt.date(2024, month, 5)


def test_a_date_that_does_not_exist_is_not_read():
    assert parse_date("2024年13月5日", RULES) is None
    assert parse_date("February 30, 2024", RULES) is None
