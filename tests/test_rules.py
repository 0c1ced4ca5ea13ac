"""The rule files themselves: they load, agree with each other and with the templates."""

from pathlib import Path

import pytest

from drafter.generate.compose import template_name
from drafter.errors import DrafterError
from drafter.resources import templates_dir
from drafter.rules import Rules
from testkit import edited_rules

VOCAB_ACTIONS = ["action:energy_transition", "action:energy_saving", "action:industry", "action:key_industries",
                 "action:urban_rural_construction", "action:transport", "action:agriculture_rural",
                 "action:circular_economy", "action:technology_innovation", "action:carbon_sink",
                 "action:green_trade_cooperation", "action:green_lifestyle", "action:phased_peaking"]
HEADLINE = ["energy_intensity_reduction", "co2_intensity_reduction", "non_fossil_share", "carbon_peak_year",
            "renewable_capacity"]


def test_actions_follow_the_national_order_of_the_vocabulary(rules):
    assert rules.action_ids == VOCAB_ACTIONS


def test_status_of_actions_matches_the_seed_analysis(rules):
    status = {a.id: a.status for a in rules.actions}
    assert {a for a, s in status.items() if s == "required"} == {
        "action:energy_transition", "action:energy_saving", "action:industry", "action:urban_rural_construction",
        "action:transport", "action:circular_economy", "action:carbon_sink", "action:green_lifestyle"}
    assert status["action:technology_innovation"] == status["action:phased_peaking"] == "frequent"


def test_every_action_has_two_to_five_standard_tasks(rules):
    for action in rules.actions:
        if action.id == "action:key_industries":
            continue  # its tasks are the locality's sectors
        plain = [t for t in action.tasks if not t.when.coastal]
        assert 2 <= len(plain) <= 5, action.id


def test_headline_and_vocabulary_indicators_are_catalogued(rules):
    for iid in HEADLINE + ["forest_coverage", "green_building_share", "waste_recycling_rate", "data_center_pue"]:
        assert rules.indicator(iid) is not None, iid


def test_indicator_placement_points_at_known_sections_and_tasks(rules):
    tasks = {t.id for a in rules.actions for t in a.tasks} | {f"sector:{i}" for i in rules.industry_ids}
    for ind in rules.indicators:
        assert ind.section == "main_objectives" or rules.has_action(ind.section), ind.id
        assert ind.task is None or ind.task in tasks, ind.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_section_action_and_industry_has_a_template(rules, lang):
    base = templates_dir() / lang
    names = [template_name(s.id) for s in rules.sections if s.numbered]
    names += [template_name(a) for a in rules.action_ids]
    names += [f"industries/{i.id}.j2" for i in rules.industries if i.sector_task]
    names += ["title.j2", "notice_title.j2", "notice.j2", "preamble.j2"]
    missing = [n for n in names if not (base / n).is_file()]
    assert missing == []


def test_broken_rule_file_names_file_field_and_line(tmp_path, rules):
    edited_rules(tmp_path, rules, "actions.yaml", "    status: required", "    status: mandatory")
    with pytest.raises(DrafterError) as err:
        Rules(Path(tmp_path))
    message = err.value.render()
    assert "actions.yaml:" in message and "actions.0.status" in message
    line = int(message.split("actions.yaml:")[1].split(":")[0])
    assert "mandatory" in (tmp_path / "actions.yaml").read_text(encoding="utf-8").splitlines()[line - 1]


def test_broken_alias_in_a_rules_folder_is_a_clear_error(tmp_path, rules):
    from click.testing import CliRunner

    from drafter.cli import main
    edited_rules(tmp_path, rules, "structure.yaml", '["政策保障"', '["政策(保障"')
    result = CliRunner().invoke(main, ["rules", "--rules", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "structure.yaml" in result.output and "not a valid regular expression" in result.output


# -- every rule file typed when it is read ----------------------------------------------------------
def _refusal(folder: Path) -> tuple[str, int | None, str]:
    """The one-line error a rules folder gives: (message, line, text of that line)."""
    with pytest.raises(DrafterError) as err:
        Rules(folder)
    e = err.value
    assert "\n" not in e.render()
    line = int(e.place) if e.place else None
    text = (Path(e.file).read_text(encoding="utf-8").splitlines()[line - 1] if line else "")
    return e.render(), line, text


MISSPELT = [  # (file, written key, misspelt key, the key path the error names)
    ("structure.yaml", "    status: frequent", "    statsu: frequent", "sections.0.statsu"),
    ("actions.yaml", "    tasks:", "    taks:", "actions.0.taks"),
    ("industries.yaml", "    task: {zh: 推动水泥", "    tsak: {zh: 推动水泥", "industries.0.tsak"),
    ("indicators.yaml", "    direction: fall", "    directoin: fall", "indicators.0.directoin"),
    ("phrasing.yaml", "strive: {zh", "strvie: {zh", "strvie"),
    ("phrasing.yaml", "    en: \"{name} {will} {reach} {value}\"", "    eng: \"{name} {will} {reach} {value}\"",
     "kinds.level.eng"),
    ("reading.yaml", "year_markers:", "year_marker:", "year_marker"),
    ("checks.yaml", "    sections: [preamble", "    sectoins: [preamble", "rules.0.sectoins"),
    ("checks.yaml", "    severity: warning\n    min: 10", "    severity: warning\n    minimum: 10", "rules.4.minimum"),
]


@pytest.mark.parametrize("name,old,new,path", MISSPELT, ids=[m[3] for m in MISSPELT])
def test_a_misspelt_key_names_file_key_and_line(tmp_path, rules, name, old, new, path):
    message, line, text = _refusal(edited_rules(tmp_path, rules, name, old, new))
    wrong = path.split(".")[-1]
    assert f"{name}:{line}: {path}: unknown key '{wrong}'" in message
    assert wrong + ":" in text
    assert "did you mean '" in message  # the key it was meant to be


MISSING = [  # (file, text removed, the key path the error names)
    ("structure.yaml", "    status: frequent\n", "sections.0.status"),
    ("phrasing.yaml", "  join_last: {zh: \"，\", en: \" and \"}\n", "sentence.join_last"),
    ("reading.yaml", "addressee_end: [\"[:：]$\"]\n", "addressee_end"),
    ("checks.yaml", "    severity: error\n    sections:", "rules.0.severity"),
    ("checks.yaml", "    min: 10\n", "rules.4.min"),
]


@pytest.mark.parametrize("name,old,path", MISSING, ids=[m[2] for m in MISSING])
def test_a_missing_key_names_file_and_key(tmp_path, rules, name, old, path):
    new = "    sections:" if old.endswith("sections:") else ""
    message, line, _ = _refusal(edited_rules(tmp_path, rules, name, old, new))
    assert f"{name}:" in message and f"{path}: missing key '{path.split('.')[-1]}'" in message


def test_phrasing_needs_every_qualifier(tmp_path, rules):
    message, _, _ = _refusal(edited_rules(tmp_path, rules, "phrasing.yaml", "  range:     {zh:", "  # range: {zh:"))
    assert "phrasing.yaml" in message and "missing key 'range'" in message


@pytest.mark.parametrize("name,old,new,words", [
    ("phrasing.yaml", "{name}比{baseline}年{strive}下降{value}", "{name}比{baseline}年{strive}下降{vaule}",
     ["kinds.change.fall.zh", "unknown placeholder {vaule}", "did you mean {value}"]),
    ("phrasing.yaml", 'zh: "到{year}年，{clauses}。"', 'zh: "到{year}年，{clauses}。{0}"',
     ["sentence.zh", "{0}", "not a plain name"]),
    ("phrasing.yaml", 'about:     {zh: "{v}左右"', 'about:     {zh: "{v.real}左右"', ["qualifiers.about.zh", "not a plain name"]),
    ("phrasing.yaml", 'en: "{name} [TO BE COMPLETED: {year} target]"', 'en: "{name} [TO BE COMPLETED: {year target]"',
     ["kinds.placeholder.en", "literal braces"]),
    ("indicators.yaml", 'en: "carbon emissions {will} peak {when}"', 'en: "carbon emissions {will} peak {year}"',
     ["phrase.en", "unknown placeholder {year}"]),
])
def test_a_bad_placeholder_in_a_sentence_form_is_refused(tmp_path, rules, name, old, new, words):
    message, line, _ = _refusal(edited_rules(tmp_path, rules, name, old, new))
    assert f"{name}:{line}:" in message
    for word in words:
        assert word in message, message


@pytest.mark.parametrize("name,old,new,words", [
    ("phrasing.yaml", "\n# Units", "\nhorizons:\n  2030: [non_fossil_shares]\n\n# Units",  # an older file
     ["horizons.2030.0", "unknown id 'non_fossil_shares'"]),
    ("reading.yaml", "  action:transport: [", "  action:transports: [", ["topics.action:transports", "unknown id"]),
    ("checks.yaml", "sections: [preamble, main_objectives,", "sections: [preamble, main_objective,",
     ["rules.0.sections.1", "unknown section id 'main_objective'", "did you mean main_objectives"]),
    ("checks.yaml", "    kind: headline_indicators\n",  # an older file, which lists the horizons' indicators
     "    kind: headline_indicators\n    expect:\n      2025: [non_fossil_share]\n      2030: [non_fossil]\n",
     ["rules.8.expect.2030.0", "unknown indicator id 'non_fossil'"]),
    ("checks.yaml", "years: [2025, 2030]", "years: [2025, 2035]", ["rules.7.years.1", "no year_markers"]),
])
def test_ids_a_rule_file_names_must_exist(tmp_path, rules, name, old, new, words):
    message, _, _ = _refusal(edited_rules(tmp_path, rules, name, old, new))
    assert f"{name}:" in message
    for word in words:
        assert word in message, message


def test_rules_refused_by_re2_name_file_field_line_and_pattern(tmp_path, rules):
    message, line, text = _refusal(edited_rules(tmp_path, rules, "reading.yaml", '"^评论$"', '"^评论(?=x)$"'))
    assert f"reading.yaml:{line}: end_markers.0: pattern '^评论(?=x)$' is not a valid regular expression" in message
    assert "lookaround" in message and "评论(?=x)" in text


@pytest.mark.parametrize("pattern,reason", [
    ("(a)\\\\1", "invalid escape sequence"),  # a backreference
    ("a++", "bad repetition operator"),  # a possessive quantifier
    ("a{1001}", "invalid repetition size"),
    ("([^a]{0,100}){10}", "RE2 instructions, at most"),  # over drafter's limit of program size
    ("[\\\\p{Han}a-z]{1000}", "pattern too large"),  # over RE2's memory for one pattern
])
def test_patterns_re2_cannot_run_in_linear_time_are_refused(tmp_path, rules, pattern, reason):
    text = f'"的指导思想", "{pattern}"'
    message, _, _ = _refusal(edited_rules(tmp_path, rules, "structure.yaml", '"指导思想"', text))
    assert "structure.yaml:" in message and "aliases.zh.1" in message and reason in message


def test_a_rules_folder_holds_a_bounded_number_of_patterns(tmp_path, rules):
    many = ", ".join(f'"w{i}"' for i in range(2100))
    message, _, _ = _refusal(edited_rules(tmp_path, rules, "reading.yaml", '"^评论$"', many))
    assert "reading.yaml:" in message and "end_markers" in message and "at most 100" in message
    lists = "\n".join(f"  {3000 + i}: [{', '.join(f'{chr(34)}w{i}_{j}{chr(34)}' for j in range(100))}]" for i in range(25))
    (tmp_path / "b").mkdir()
    message, _, _ = _refusal(edited_rules(tmp_path / "b", rules, "reading.yaml", "phases:\n", f"phases:\n{lists}\n"))
    assert "more than 2000 patterns" in message


@pytest.mark.parametrize("pattern", ["(a+)+$", "(a|aa)*b", "(.*a){20}", "(x+x+)+y", "^(\\w+\\s?)*$"])
def test_catastrophic_patterns_are_harmless_on_a_long_line(pattern):
    import time

    from drafter.patterns import PatternSet
    start = time.perf_counter()
    for line in ("a" * 100_000 + "!", "x" * 100_000 + "!"):
        found = [m.span() for m in PatternSet([pattern, "never"]).finditer(line)]
        # Python's re backtracks for minutes to centuries on these lines; only (.*a){20} matches
        assert found == ([(0, 100_000)] if pattern == "(.*a){20}" and line[0] == "a" else [])
    assert time.perf_counter() - start < 10  # Python re takes minutes to centuries here; a loaded CI machine is slow, not exponential


def test_rule_patterns_match_case_insensitively_with_spans_in_characters():
    from drafter.patterns import PatternSet
    patterns = PatternSet(["energy intensity", "能耗(强度)?"])
    text = "到2025年，能耗强度下降；Energy Intensity falls"
    assert [m.span() for m in patterns.finditer(text)] == [(14, 30), (7, 11)]
    assert patterns.which("nothing here") == [] and patterns.search("ENERGY INTENSITY").group(0) == "ENERGY INTENSITY"


def test_built_in_patterns_all_run_on_re2(rules):
    # The shipped rules are not compiled when read (each run compiles the patterns it uses): here
    # every one of them is.
    from drafter.patterns import compile_pattern
    reading = rules.reading
    patterns = [p for r in list(rules.sections) + list(rules.actions) for p in r.aliases.all.patterns]
    patterns += [p for i in rules.indicators for p in i.patterns.all.patterns]
    patterns += [p for name in ("full_text_markers", "end_markers", "notice_title", "plan_title", "addressee_end",
                                "date", "document_number") for p in getattr(reading, name)]
    patterns += [p for markers in (reading.phases, reading.year_markers) for ps in markers.values() for p in ps]
    patterns += [p for rule in rules.checks for p in getattr(rule, "patterns", []) + getattr(rule, "stated", [])]
    assert len(patterns) > 380
    for p in patterns:
        compile_pattern(p)


def test_the_rules_are_frozen_once_loaded(rules):
    with pytest.raises(AttributeError, match="frozen"):
        rules.indicators = []
    assert rules.indicator("non_fossil_share") is not None


def test_a_plans_own_indicators_give_one_copy_of_the_rules_shared_by_its_steps(rules):
    from drafter.rules import IndicatorRule

    own = [IndicatorRule.model_validate({"id": "hydrogen_stations", "name": {"zh": "加氢站", "en": "hydrogen stations"},
                                         "unit": "piles", "section": "action:transport"})]
    first, again = rules.with_indicators(own), rules.with_indicators(own)
    assert first is again and first is not rules
    assert first.indicator("hydrogen_stations").unit == "piles" and rules.indicator("hydrogen_stations") is None
    built = []

    def build(r):
        built.append(r)
        return len(r.indicators)

    assert first.view(build) == len(rules.indicators) + 1 and first.view(build) == len(rules.indicators) + 1
    assert rules.view(build) == len(rules.indicators)
    assert built == [first, rules]  # one view per rules object, built once each


# -- headline indicators: declared once, by their horizon years ---------------------------------------
def test_horizons_derive_from_the_headline_years_of_indicators_in_catalogue_order(rules):
    assert rules.phrasing.horizons == {2025: ["energy_intensity_reduction", "co2_intensity_reduction", "non_fossil_share"],
                                       2030: ["non_fossil_share"]}
    assert rules.indicator("non_fossil_share").horizon_years == [2025, 2030]
    # the carbon-peak year is a headline indicator stated by its own commitment, at no horizon
    assert rules.indicator("carbon_peak_year").headline is True
    assert rules.indicator("carbon_peak_year").horizon_years == []


def test_the_headline_check_expects_what_the_horizons_say(rules):
    rule = next(r for r in rules.checks if r.kind == "headline_indicators")
    assert rule.expect is None and rule.expected == rules.phrasing.horizons


def _older(folder: Path) -> Path:
    """A rules folder in the older form: boolean headlines, horizons in phrasing.yaml, the
    headline check's `expect:` written out, and no id parameters in checks.yaml."""
    import re
    text = (folder / "indicators.yaml").read_text(encoding="utf-8")
    (folder / "indicators.yaml").write_text(re.sub(r"headline: \[[\d, ]+\]", "headline: true", text), encoding="utf-8")
    text = (folder / "phrasing.yaml").read_text(encoding="utf-8")
    (folder / "phrasing.yaml").write_text(text.replace("\n# Units", "\nhorizons:\n  2025: [energy_intensity_reduction, "
                                                      "co2_intensity_reduction, non_fossil_share]\n  2030: [non_fossil_share]"
                                                      "\n\n# Units", 1), encoding="utf-8")
    text = (folder / "checks.yaml").read_text(encoding="utf-8")
    text = re.sub(r"\n    (within|preamble|section|also|indicator): [^\n]*", "", text)
    text = text.replace("    kind: headline_indicators\n", "    kind: headline_indicators\n    expect:\n      2025: "
                        "[energy_intensity_reduction, co2_intensity_reduction, non_fossil_share]\n      2030: [non_fossil_share]\n")
    (folder / "checks.yaml").write_text(text, encoding="utf-8")
    return folder


def test_an_older_rules_folder_loads_with_the_same_horizons_and_checks(tmp_path, rules):
    older = Rules(_older(edited_rules(tmp_path, rules, "phrasing.yaml", "", "")))
    assert older.phrasing.horizons == rules.phrasing.horizons
    assert all(i.horizon_years == [] for i in older.indicators)
    assert [r.model_dump(exclude={"expect"}) for r in older.checks] == [r.model_dump(exclude={"expect"}) for r in rules.checks]
    headline = [r for r in older.checks if r.kind == "headline_indicators"][0]
    assert headline.expect == headline.expected == rules.phrasing.horizons


def test_horizons_written_in_both_files_must_agree(tmp_path, rules):
    folder = edited_rules(tmp_path, rules, "phrasing.yaml", "\n# Units", "\nhorizons:\n  2030: [co2_intensity_reduction]\n\n# Units")
    message, line, text = _refusal(folder)
    assert f"phrasing.yaml:{line}: horizons: {{2030: ['co2_intensity_reduction']}} differ from the headline years" in message
    assert "remove horizons from phrasing.yaml" in message and text == "horizons:"


def test_horizons_written_in_both_files_may_agree(tmp_path, rules):
    folder = edited_rules(tmp_path, rules, "phrasing.yaml", "\n# Units", "\nhorizons:\n  2025: [energy_intensity_reduction, "
                     "co2_intensity_reduction, non_fossil_share]\n  2030: [non_fossil_share]\n\n# Units")
    assert Rules(folder).phrasing.horizons == rules.phrasing.horizons


def test_a_headline_year_needs_its_sentence_markers(tmp_path, rules):
    message, _, _ = _refusal(edited_rules(tmp_path, rules, "indicators.yaml", "headline: [2025, 2030]", "headline: [2025, 2035]"))
    assert "checks.yaml:" in message and "the headline year 2035 (indicators.yaml) has no year_markers" in message


def test_a_headline_is_a_boolean_or_a_list_of_years(tmp_path, rules):
    message, line, text = _refusal(edited_rules(tmp_path, rules, "indicators.yaml", "headline: [2025, 2030]", "headline: soon"))
    assert f"indicators.yaml:{line}: indicators.2.headline" in message and "headline: soon" in text


def _british(text: str) -> str:
    for us, gb in (("utiliz", "utilis"), ("fertiliz", "fertilis"), ("centers", "centres"), ("meters", "metres")):
        text = text.replace(us, gb)
    return text


def test_english_names_are_american_and_their_british_spelling_still_reads(rules):
    """Drafts write one spelling (American, as the NDRC's English); plans and older drafts in
    British spelling are still read."""
    from drafter.read.normalize import key
    spelled = [i for i in rules.indicators if i.name.en and _british(i.name.en) != i.name.en]
    assert len(spelled) >= 8
    for ind in spelled:
        for name in (ind.name.en, _british(ind.name.en)):
            assert ind.recognizer.search(key(name)), (ind.id, name)
    titles = [a.title for a in rules.actions] + [t.title for a in rules.actions for t in a.tasks if t.title]
    english = [t.en for t in titles] + [s.title.en for s in rules.sections] + \
        [i.name.en for i in rules.indicators if i.name.en] + [u.en for u in rules.phrasing.units.values()]
    assert not [t for t in english if any(gb in t for gb in ("isation", "centre", "metre", "tonne", "Optimis", "Realis"))]
