"""The locality's own facts that are not targets or projects: its features (a port, a ceramics
cluster, hydropower ...), each switching on the paragraph plans write for such a place, and its
subordinate districts with their peak ambitions.

Where each goes is declared in the rules (industries.yaml `features`, wording.yaml `districts`);
the words of a feature's paragraph are a template (templates/<lang>/features/<id>.j2), so an
office's own templates can replace them.
"""

from __future__ import annotations

from ..model import Document, Section, task_id
from .templating import parse_rendered


def _holder(doc: Document, places: list[str]) -> Section | None:
    """The first of `places` (task ids, sector:<industry>, action ids) the plan has."""
    for place in places:
        found = doc.find(place) if place.startswith("action:") else doc.find(task_id(place))
        if found is not None:
            return found
    return None


def place_features(composer, doc: Document) -> None:
    """Each feature's paragraph in the first of its places the plan has; a feature none of whose
    places is in the plan (its action left out) writes nothing."""
    for fid in composer.params.features:
        holder = _holder(doc, composer.rules.features[fid].places)
        if holder is None:
            continue
        text = composer.templates.render(f"features/{fid}.j2", composer.context)
        holder.paragraphs.extend(parse_rendered(text, composer.lang).paragraphs)
        composer.mark_local(holder)


def district_sentence(composer) -> str:
    """One clause per district: its peak ambition against the plan's peak year, and its features."""
    words = getattr(composer.rules.wording.districts, composer.lang)
    p, scope = composer.params, composer.context["scope"]
    clauses = []
    for district in p.districts:
        name = composer.name(district.name, "district")
        year = district.peak_year
        form = words.in_step if year is None or year == p.peak_year else words.lead if year < p.peak_year \
            else words.later
        clause = form.format(name=name, year=year, scope=scope)
        if district.features:
            names = [getattr(composer.rules.features[f].name, composer.lang) for f in district.features]
            clause += words.features.format(features=composer.join(names))
        clauses.append(clause)
    return words.join.join(clauses) + words.end


def place_districts(composer, doc: Document) -> None:
    """The districts' peak ambitions in the phased-peaking action (its task on local
    differentiation when it has it), and their duty to plan in the responsibility section."""
    words = composer.rules.wording.districts
    if not composer.params.districts or words is None:
        return
    holder = _holder(doc, ["local_differentiation", "action:phased_peaking"])
    if holder is not None:
        holder.paragraphs.append(district_sentence(composer))
        composer.mark_local(holder)
    duty = doc.find("responsibility")
    if duty is not None:
        names = composer.join([composer.name(d.name, "district") for d in composer.params.districts])
        duty.paragraphs.append(getattr(words, composer.lang).responsibility.format(
            names=names, scope=composer.context["scope"]))
