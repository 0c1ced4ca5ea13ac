"""Matching keys: the fast paths of normalisation give exactly what OpenCC and NFKC give."""

import random
import sys
import unicodedata

import opencc

from drafter.read.hk2s_chars import HK2S_CHARACTERS
from drafter.read.normalize import fold, key, nfkc, to_simplified

from testkit import SHARED

_CJK_BLOCKS = [(0x2E80, 0xA000), (0xF900, 0xFB00), (0xFE30, 0xFE50)]


def test_the_list_holds_every_character_hk2s_changes():
    converter = opencc.OpenCC("hk2s")
    chars = [chr(c) for start, end in _CJK_BLOCKS for c in range(start, end)]
    converted = converter.convert("\n".join(chars)).split("\n")
    changed = {c for c, out in zip(chars, converted) if c != out}
    assert changed and changed <= set(HK2S_CHARACTERS)


def test_phrases_whose_characters_stay_still_convert():
    for traditional, simplified in [("沈迷", "沉迷"), ("瞭解", "了解"), ("藉此", "借此"), ("碳達峰", "碳达峰")]:
        assert to_simplified(traditional) == simplified


def test_to_simplified_is_opencc_on_the_seeds():
    converter = opencc.OpenCC("hk2s")
    lines = [ln for f in sorted((SHARED / "seeds").glob("*.txt")) for ln in f.read_text(encoding="utf-8").splitlines()]
    lines += ["江门市碳达峰实施方案", "𠀋 beyond the BMP", "plain ASCII"]
    assert [to_simplified(ln) for ln in lines] == [converter.convert(ln) for ln in lines]


def test_nfkc_is_unicodedata_nfkc_for_every_character():
    rng = random.Random(9)
    points = [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and (c < 0x20000 or c % 97 == 0)]
    rng.shuffle(points)
    for start in range(0, len(points), 64):  # mixed runs, so combining marks meet other characters
        text = "".join(map(chr, points[start:start + 64]))
        assert nfkc(text) == unicodedata.normalize("NFKC", text)


def test_fold_and_key():
    assert fold("（１）Ａｂｃ　“引号” 2 0 2 5 年") == '(1)Abc "引号" 2025年'
    assert key("點(diǎn)  Energy\tIntensity") == "点 energy intensity"
