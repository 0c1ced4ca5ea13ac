"""The list of localities: figures, rows over the base, names as units, one distinct file name per
row decided over all rows, and rows read one at a time, a broken one not stopping the others."""

import itertools

import pytest

from drafter.errors import DrafterError
from drafter.generate.localities import MAX_LINE, Names, Row, iter_localities, merge, own_stem, parse_figure, row_params

from testkit import write


def test_figures():
    assert parse_figure("~35", "x", 2025) == {"indicator": "x", "year": 2025, "strive": False, "qualifier": "about",
                                             "value": 35.0}
    assert parse_figure(">=70*", "x", 2030)["qualifier"] == "at_least"
    assert parse_figure(">=70*", "x", 2030)["strive"] is True
    assert parse_figure("30-40", "x", 2030)["value_max"] == 40.0
    assert parse_figure("superior", "x", 2025)["superior"] is True
    with pytest.raises(ValueError, match="not a figure"):
        parse_figure("abc", "x", 2025)


def test_a_county_from_its_city_file_takes_the_city_as_superior():
    city = {"locality": {"name": {"zh": "江门市"}, "level": "city", "province": {"zh": "广东省"}}}
    county = row_params(city, {"locality": {"name": {"zh": "台山市"}, "level": "county"}})
    assert county["locality"]["parent"] == {"zh": "江门市"}
    named = row_params(city, {"locality": {"name": {"zh": "某县"}, "level": "county", "parent": {"zh": "某市"}}})
    assert named["locality"]["parent"] == {"zh": "某市"}
    same = row_params(city, {"locality": {"name": {"zh": "另一市"}, "level": "city"}})
    assert "parent" not in same["locality"]


def test_the_bases_districts_projects_and_features_are_its_own_not_the_rows():
    city = {"locality": {"name": {"zh": "江门市"}, "level": "city"}, "features": ["ports"], "titles": {"x": "y"},
            "districts": [{"name": {"zh": "蓬江区"}}], "projects": [{"name": {"zh": "台山核电"}, "action": "a"}]}
    county = row_params(city, {"locality": {"name": {"zh": "台山市"}, "level": "county"}})
    assert [k for k in ("districts", "projects", "features") if k in county] == []
    assert county["titles"] == {"x": "y"}  # the city's wording of its titles is the county's to keep
    own = row_params(city, {"locality": {"name": {"zh": "台山市"}, "level": "county"}, "features": ["nuclear"]})
    assert own["features"] == ["nuclear"]
    same = row_params(city, {"locality": {"name": {"zh": "江门市"}}, "peak_year": 2029})
    assert same["districts"] == city["districts"] and same["projects"] == city["projects"]


def test_row_over_base_replaces_targets_of_the_same_indicator_and_year():
    base = {"locality": {"name": {"zh": "市"}, "level": "city"},
            "targets": [{"indicator": "a", "year": 2025, "value": 1}, {"indicator": "b", "year": 2025, "value": 2}]}
    row = {"locality": {"name": {"zh": "县"}, "level": "county"}, "targets": [{"indicator": "a", "year": 2025, "value": 9}]}
    merged = merge(base, row)
    assert merged["locality"] == {"name": {"zh": "县"}, "level": "county"}
    assert merged["targets"] == [{"indicator": "b", "year": 2025, "value": 2}, {"indicator": "a", "year": 2025, "value": 9}]
    assert base["targets"][0]["value"] == 1  # the base is not changed


def test_a_name_is_one_unit_a_row_giving_one_language_does_not_inherit_the_other():
    city = {"locality": {"name": {"zh": "江门市", "en": "Jiangmen"}, "level": "city",
                         "province": {"zh": "广东省", "en": "Guangdong"}}}
    county = row_params(city, {"locality": {"name": {"zh": "台山市"}, "level": "county", "province": {"zh": "某省"}}})
    assert county["locality"]["name"] == {"zh": "台山市"}
    assert county["locality"]["province"] == {"zh": "某省"}
    assert county["locality"]["parent"] == {"zh": "江门市", "en": "Jiangmen"}  # the superior, whole


def test_the_file_is_named_from_what_the_row_gives():
    assert own_stem(Row(1, 2, {"locality": {"name": {"zh": "台山市", "en": "Taishan City"}}})) == "Taishan-City"
    assert own_stem(Row(1, 2, {"locality": {"name": {"zh": "台山市"}}})) == "台山市"
    assert own_stem(Row(1, 2, {"locality": {"name": "开平市"}})) == "开平市"
    assert own_stem(Row(7, 8, {"locality": {"name": {"en": "../.."}}})) == "locality-7"
    assert own_stem(Row(1, 2, {"level": "county"})) is None  # the base's name is never taken


def _rows(*names):
    return [Row(i, i + 1, {"locality": {"name": {"en": n}}}) for i, n in enumerate(names, 1)]


def test_every_row_gets_a_distinct_name_and_no_added_number_takes_a_real_one():
    rows = _rows("Beta", "Beta-3", "Beta", "BETA", "Gamma")
    names = Names(rows)
    assert [names.stem(r) for r in rows] == ["Beta", "Beta-3", "Beta-3-2", "BETA-4", "Gamma"]
    assert names.rows == 5


def test_names_that_differ_only_in_case_or_unicode_form_are_one_name():
    rows = _rows("Café", "Cafe\u0301", "café")  # composed, decomposed, lower case: one file on macOS
    names = Names(rows)
    assert len({names.stem(r).casefold() for r in rows}) == 3


def test_rows_are_read_one_at_a_time(tmp_path):
    """Row 1 comes out before row 3's broken bytes are even read: the list is never held whole."""
    path = tmp_path / "l.csv"
    good = "".join(f"示例{i}县,Example {i},county\n" for i in range(3000))  # more than one read's worth
    path.write_bytes(f"name_zh,name_en,level\n{good}".encode() + b"\xff\xfe,x,county\n")
    rows = iter_localities(path)
    assert next(rows).data["locality"]["name"] == {"zh": "示例0县", "en": "Example 0"}
    assert [row.number for row in itertools.islice(rows, 2999)][-1] == 3000
    with pytest.raises(DrafterError, match="line 3002: not UTF-8"):
        next(rows)


def test_a_cell_over_the_csv_limit_fails_its_row_only(tmp_path):
    path = write(tmp_path, "l.csv", "name_zh,name_en,level\n甲县,Jia,county\n乙县,\"" + "x" * 200_000 + "\",county\n"
                 "丙县,Bing,county\n")
    rows = list(iter_localities(path))
    assert [(r.number, r.line, r.error is None) for r in rows] == [(1, 2, True), (2, 3, False), (3, 4, True)]
    assert "field larger than field limit (131072)" in rows[1].error


def test_a_line_too_long_to_hold_fails_its_row_only(tmp_path):
    path = write(tmp_path, "l.csv", "name_zh,name_en,level\n甲县,Jia,county\n乙县," + "y" * (MAX_LINE * 2) +
                 ",county\n丙县,Bing,county\n")
    rows = list(iter_localities(path))
    assert [(r.number, r.line, r.error is None) for r in rows] == [(1, 2, True), (2, 3, False), (3, 4, True)]
    assert rows[1].error.startswith("a line longer than 1,000,000 bytes")
    assert rows[2].data["locality"]["name"]["en"] == "Bing"


@pytest.mark.parametrize("text,message", [("", "no header row"), ("name_zh,colour\n", "unknown column 'colour'"),
                                          ("a\x00b\n", "binary file")])
def test_an_unusable_list_raises(tmp_path, text, message):
    with pytest.raises(DrafterError, match=message):
        list(iter_localities(write(tmp_path, "l.csv", text)))


def test_a_list_in_another_encoding_fails_whole_with_its_line(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes("name_zh,level\n台山市,county\n".encode("gbk"))
    with pytest.raises(DrafterError, match="line 2: not UTF-8 text"):
        list(iter_localities(path))


def test_figure_signs_and_words_come_from_the_rules():
    from drafter.rules import load_rules
    words = load_rules().wording.batch.model_copy(update={"signs": {"≈": "about", ">=": "at_least", ">": "more_than"},
                                                          "trend": ["rising"]})
    assert parse_figure("≈35", "x", 2025, words)["qualifier"] == "about"
    assert parse_figure(">=35", "x", 2025, words)["qualifier"] == "at_least"
    assert parse_figure("rising", "x", 2025, words)["trend"] is True
    with pytest.raises(ValueError):
        parse_figure("~35", "x", 2025, words)
    assert parse_figure("约35", "x", 2025)["qualifier"] == "about"  # the built-in words
    assert parse_figure("稳步提升", "x", 2025)["trend"] is True



@pytest.mark.parametrize("row, field", [({"locality": {"name": "Bar", "level": [1]}}, "locality.level"),
                                        ({"locality": {"name": "Bar", "level": {}}}, "locality.level"),
                                        ({"locality": ["Bar"]}, "locality")])
def test_a_row_with_a_malformed_locality_is_left_for_validation_to_name(rules, row, field):
    """row_params reads a level only when it is a word and a locality only when it is a mapping:
    validation then says what is wrong, on one line, instead of a TypeError from the merge."""
    from drafter.errors import DrafterError
    from drafter.generate.params import validate_data

    city = {"locality": {"name": {"zh": "江门市"}, "level": "city", "province": {"zh": "广东省"}}}
    with pytest.raises(DrafterError, match=rf"rows.csv:row 2: 1 invalid field\(s\): {field}: Input should be"):
        validate_data(row_params(city, row), rules, file="rows.csv", place="row 2")
    assert row_params({"locality": "江门市"}, {"locality": {"name": "Bar"}})["locality"] == {"name": "Bar"}
