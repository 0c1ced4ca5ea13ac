"""The check kinds about targets: progression across years, shares and plausible ranges, and the
superior's targets. Registered into the engine's KINDS when the checks run."""

from __future__ import annotations

from itertools import groupby

from ..quantities import comparable, indicator_name, value_text, weaker
from .checks import Finding, kind


def _value(ctx, t) -> str:
    return value_text(t, ctx.rules, ctx.lang)


def _name(ctx, iid: str) -> str:
    return indicator_name(ctx.rules.indicator(iid), ctx.lang)


def target_finding(ctx, rule, t, **fields) -> Finding:
    section = ctx.doc.find(t.section) if t.section else None
    found = ctx.finding(rule, section or t.section, indicator=_name(ctx, t.indicator), year=t.year or "",
                        text=_value(ctx, t), **fields)
    found.anchor = t.quote  # the sentence stating it, where a review comments
    return found


@kind("target_progression")
def _target_progression(rule, ctx):
    # Linear in the number of targets: per series, each target meets only the strongest target
    # of the earlier years, so it gets at most one finding however many earlier targets it trails.
    series: dict = {}
    for t in ctx.targets:
        ind = ctx.rules.indicator(t.indicator)
        if ind.kind != "year" and t.year is not None:  # a target without a year is in no series
            baseline = t.baseline_year if ind.kind == "change" else None
            series.setdefault((t.indicator, t.unit, baseline), []).append(t)
    for (iid, _, _), items in series.items():
        ind = ctx.rules.indicator(iid)
        strongest = None  # the most ambitious target of the years already passed
        items.sort(key=lambda t: t.year)
        for _, same_year in groupby(items, key=lambda t: t.year):
            same_year = list(same_year)
            for t in same_year:
                if strongest is not None and weaker(t, strongest, ind, ctx.rules):
                    yield target_finding(ctx, rule, t, first=strongest.year, second=_value(ctx, strongest))
            for t in same_year:
                if comparable(t, ctx.rules) is not None and (strongest is None or weaker(strongest, t, ind, ctx.rules)):
                    strongest = t


@kind("share_range")
def _share_range(rule, ctx):
    for t in ctx.targets:
        for value in (t.value, t.value_max):
            if (t.unit == "%" and value is not None and not 0 <= value <= 100
                    and ctx.rules.indicator(t.indicator).kind == "level"):
                yield target_finding(ctx, rule, t)
                break


@kind("plausible_range")
def _plausible_range(rule, ctx):
    for t in ctx.targets:
        ind = ctx.rules.indicator(t.indicator)
        if ind.range is None or t.value is None or (t.unit or ind.unit) != ind.unit:
            continue
        low, high = ind.range
        if not low <= t.value <= high:
            yield target_finding(ctx, rule, t, min=f"{low:g}", max=f"{high:g}")


@kind("parent_targets")
def _parent_targets(rule, ctx):
    if not ctx.parent:
        return
    for t in ctx.targets:
        ind = ctx.rules.indicator(t.indicator)
        if rule.units is not None and (t.unit or ind.unit) not in rule.units:
            continue  # a total: the county's capacity is its part of the city's, never "weaker"
        for p in ctx.parent:
            if p.indicator == t.indicator and p.year == t.year and weaker(t, p, ind, ctx.rules):
                yield target_finding(ctx, rule, t, second=_value(ctx, p))
                break
