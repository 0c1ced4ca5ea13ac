"""The sandbox's measures: how big a value is, and when it is too big."""

from __future__ import annotations

import pytest

from drafter.generate.sandbox import VALUE_LIMIT, TemplateLimitError, checked, settled, weight


def test_weight_counts_characters_and_elements():
    assert weight("abc") == 4
    assert weight(["ab", "c"]) == 1 + 3 + 2
    assert weight({"k": "vv"}) == 1 + 2 + 3
    assert weight(7) < weight(10**30) < 40  # numbers by their digits


def test_shared_parts_count_as_often_as_printing_repeats_them():
    part = ["x" * 1000]
    doubled = [part, part]
    assert weight(doubled) == 1 + 2 * weight(part)


def test_weight_stops_counting_past_the_limit():
    nested = []
    for _ in range(100):
        nested = [nested, nested]  # 2**100 elements when printed
    assert VALUE_LIMIT < weight(nested) < VALUE_LIMIT + 10


def test_checked_refuses_big_values_and_big_integers():
    assert checked("x" * 10) == "x" * 10
    with pytest.raises(TemplateLimitError):
        checked("x" * (VALUE_LIMIT + 1))
    with pytest.raises(TemplateLimitError):
        checked(2 ** 20000)


def test_lazy_sequences_are_drawn_within_the_limit():
    assert settled(iter(["a", "b"])) == ["a", "b"]
    with pytest.raises(TemplateLimitError):
        settled("x" * 1000 for _ in range(10**9))
