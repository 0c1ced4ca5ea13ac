"""`drafter targets show`: one indicator with its names, placement, patterns and its phrasing in
every qualifier and language."""

from __future__ import annotations


def format_indicator(rules, iid: str) -> str:
    from ..model import Target
    from .params import PlanParams
    from .phrasing import Phraser

    ind = rules.indicator(iid)
    lines = [f"{ind.id}", f"  names      zh: {ind.name.zh}", f"             en: {ind.name.en}",
             f"             fr: {ind.name.fr}",
             f"  unit {ind.unit}   kind {ind.kind}   direction {ind.direction}"
             + (f"   default baseline {ind.default_baseline}" if ind.default_baseline else ""),
             f"  placed in  {ind.section}" + (f" / task {ind.task}" if ind.task else "")]
    if ind.range:
        lines.append(f"  plausible  {ind.range[0]:g} to {ind.range[1]:g}")
    for lang in ("zh", "en", "fr"):
        pats = getattr(ind.patterns, lang)
        if pats:
            lines.append(f"  patterns {lang}: " + "; ".join(pats))
    example = rules.phrasing.example  # a locality the sample sentences name
    demo = PlanParams.model_validate({"locality": {"name": example.locality.model_dump(), "level": "city",
                                                   "province": example.province.model_dump()}})
    lines.append("  phrasing:")
    sample = {"%": 20.0, "year": 2030.0}.get(ind.unit, 500000.0)
    forms = [("exact", {}), ("about", {"qualifier": "about"}), ("more_than", {"qualifier": "more_than"}),
             ("at_least", {"qualifier": "at_least"}), ("at_most", {"qualifier": "at_most"}),
             ("all", {"qualifier": "all"}), ("range", {"qualifier": "range", "value_max": sample * 1.2}),
             ("strive", {"strive": True}), ("superior", {"superior": True}), ("trend", {"trend": True})]
    if ind.kind == "year":
        forms = forms[:1]
    for lang in ("zh", "en"):
        phraser = Phraser(rules, demo, lang)
        for label, extra in forms:
            data = {"indicator": iid, "year": 2025, **extra}
            if not (extra.get("superior") or extra.get("trend")):
                data.setdefault("value", sample if extra.get("qualifier") != "all" else 100.0)
            lines.append(f"    {lang} {label:<9} {phraser.sentence(2025, [phraser.clause(Target.model_validate(data))])}")
    if ind.seen:
        lines.append("  seen in the seed plans:")
        for s in ind.seen:
            value = f"{int(s.value):,}" if float(s.value).is_integer() else f"{s.value}"
            lines.append(f"    {s.plan}: {s.year or ''} {value} {ind.unit} ({s.qualifier})")
    return "\n".join(lines)
