"""Target recall on real plans: the targets the finder reads from each seed (and from the national
plan) against the targets a person listed by reading them (tests/expectations/<file>.yaml).

A found target counts when its indicator, year and value are a listed target's (values compared
in the unit they are compared in: 240 MW is 240,000 kW). Each listed target is matched once; a
found target matching none is a false one. The `numbers` column ignores the indicator: a found
value with no listed target of the same year and value at all would be a false number.
"""

from __future__ import annotations

import pytest
import yaml

from drafter.api import Settings, outline
from drafter.read.targets import find_targets

from testkit import ROOT, SHARED, needs_shared

EXPECTATIONS = ROOT / "tests" / "expectations"
SEEDS = ["000_6dcdaf86b5a4e58b", "001_7cdb06c9488e7cca", "002_2b0d579e27bccf4e", "003_b803ce09c7a60efe",
         "004_c0e6d776a2bf4146"]
NATIONAL = "national-2030-action-plan_zh"
# The F1 each file reached when this test was written: none may fall back.
FLOOR = {"000_6dcdaf86b5a4e58b": 1.0, "001_7cdb06c9488e7cca": 1.0, "002_2b0d579e27bccf4e": 1.0,
         "003_b803ce09c7a60efe": 1.0, "004_c0e6d776a2bf4146": 1.0, NATIONAL: 1.0}
OVERALL = 0.95


def source(stem: str):
    return SHARED / ("corpus" if stem == NATIONAL else "seeds") / f"{stem}.txt"


def _value(value, unit, rules):
    if value in ("superior", "trend", "relative"):
        return value
    spec = rules.phrasing.units.get(unit or "")
    return round(float(value) * (spec.factor if spec and spec.base else 1.0), 2)


def expected(stem: str, rules) -> list[tuple]:
    rows = yaml.safe_load((EXPECTATIONS / f"{stem}.yaml").read_text(encoding="utf-8"))["targets"]
    return [(ind, year, _value(value, unit, rules)) for ind, year, value, unit, _ in rows]


def read(stem: str, settings: Settings) -> list:
    return find_targets(outline(source(stem), settings), settings.rules)


def found(targets: list, rules) -> list[tuple]:
    out = []
    for t in targets:
        value = "superior" if t.superior else "trend" if t.trend else "relative" if t.relative else t.value
        out.append((t.indicator, t.year, _value(value, t.unit, rules)))
    return out


def qualifier_misses(stem: str, targets: list, rules) -> set[tuple[str, str]]:
    """(file, indicator) of each listed figure the finder read with its value but not its qualifier."""
    rows = yaml.safe_load((EXPECTATIONS / f"{stem}.yaml").read_text(encoding="utf-8"))["targets"]
    misses = set()
    for ind, year, value, unit, qualifier in rows:
        if value in ("superior", "trend", "relative"):
            continue
        same = [t for t in targets if (t.indicator, t.year) == (ind, year) and t.value is not None
                and _close(_value(t.value, t.unit, rules), _value(value, unit, rules))]
        if same and all(t.qualifier != qualifier for t in same):
            misses.add((stem, ind))
    return misses


def _close(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) <= max(0.011, 1e-3 * abs(b))


def score(expect: list[tuple], got: list[tuple], key=lambda t: t) -> tuple[int, int, int]:
    """(matched, expected, found), each listed target matched at most once."""
    left = list(expect)
    matched = 0
    for g in got:
        hit = next((e for e in left if key(e)[:-1] == key(g)[:-1] and _close(key(e)[-1], key(g)[-1])), None)
        if hit is not None:
            left.remove(hit)
            matched += 1
    return matched, len(expect), len(got)


def prf(matched: int, n_expected: int, n_found: int) -> tuple[float, float, float]:
    p = matched / n_found if n_found else 1.0
    r = matched / n_expected if n_expected else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def table(settings: Settings, readings: dict) -> dict:
    rows = {}
    for stem in SEEDS + [NATIONAL]:
        exp, got = expected(stem, settings.rules), found(readings[stem], settings.rules)
        numbers = score(exp, got, key=lambda t: t[1:])
        rows[stem] = (score(exp, got), numbers, [g for g in got if score(exp, [g])[0] == 0],
                      [e for e in exp if score([e], got)[0] == 0])
    return rows


def report(rows: dict) -> str:
    lines = [f"{'file':32} {'P':>6} {'R':>6} {'F1':>6}  matched/expected/found  false numbers"]
    for stem, (s, numbers, _, _) in rows.items():
        p, r, f = prf(*s)
        lines.append(f"{stem:32} {p:6.3f} {r:6.3f} {f:6.3f}  {s[0]}/{s[1]}/{s[2]}  {numbers[2] - numbers[0]}")
    for stem, (_, _, extra, missing) in rows.items():
        lines += [f"  {stem} missing: {m}" for m in missing] + [f"  {stem} not listed: {x}" for x in extra]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def readings():
    settings = Settings()
    return {stem: read(stem, settings) for stem in SEEDS + [NATIONAL]}


@pytest.fixture(scope="module")
def measured(readings):
    return table(Settings(), readings)


def test_every_expectation_names_a_catalogued_indicator_and_a_known_unit(rules):
    units = set(rules.phrasing.units)
    for path in sorted(EXPECTATIONS.glob("*.yaml")):
        for ind, year, value, unit, qualifier in yaml.safe_load(path.read_text(encoding="utf-8"))["targets"]:
            assert rules.indicator(ind) is not None, (path.name, ind)
            assert year is None or 2020 <= year <= 2060, (path.name, ind)
            assert value in ("superior", "trend", "relative") or (unit in units and isinstance(value, (int, float))), (path.name, ind)
            assert qualifier in (None, "before", *rules.phrasing.qualifiers), (path.name, ind, qualifier)


@needs_shared
def test_recall_and_precision_per_file_and_overall(measured):
    text = report(measured)
    seeds = [measured[s][0] for s in SEEDS]
    overall = prf(*(sum(s[i] for s in seeds) for i in range(3)))
    for stem, (s, _, _, _) in measured.items():
        assert prf(*s)[2] >= FLOOR[stem] - 1e-9, f"{stem} fell below its floor\n{text}"
    assert overall[2] >= OVERALL, f"overall F1 {overall[2]:.3f}\n{text}"


@needs_shared
def test_no_false_numbers(measured):
    """Whatever indicator it is given, every number found is a number the plan states as a target."""
    text = report(measured)
    for stem, (_, numbers, _, _) in measured.items():
        assert numbers[0] == numbers[2], f"{stem}: a found number is no listed target\n{text}"


# Qualifiers the finder still reads wrong on the real plans: "by about 10% and 5% respectively"
# gives the second figure no "about"; "259 square kilometres will not be reduced" is read as exact.
KNOWN_QUALIFIER_MISSES = {("000_6dcdaf86b5a4e58b", "operating_ship_carbon_intensity_reduction"),
                          ("001_7cdb06c9488e7cca", "operating_ship_carbon_intensity_reduction"),
                          ("003_b803ce09c7a60efe", "wetland_area")}


@needs_shared
def test_each_figure_found_carries_its_listed_qualifier(readings, rules):
    misses = set().union(*(qualifier_misses(stem, readings[stem], rules) for stem in readings))
    assert misses <= KNOWN_QUALIFIER_MISSES, sorted(misses - KNOWN_QUALIFIER_MISSES)


def test_scoring_matches_each_listed_target_once():
    expect = [("a", 2025, 14.0), ("a", 2025, 14.0), ("b", 2030, "superior")]
    assert score(expect, [("a", 2025, 14.0), ("a", 2025, 14.0), ("a", 2025, 14.0)]) == (2, 3, 3)
    assert score(expect, [("b", 2030, "superior"), ("b", 2030, 5.0)]) == (1, 3, 2)
    assert prf(2, 4, 2) == (1.0, 0.5, pytest.approx(2 / 3))
