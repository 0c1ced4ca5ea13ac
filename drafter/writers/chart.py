"""A chart of the headline targets across plans, as SVG drawn by pygal: one group of bars per
headline indicator and year, one bar per plan. Years (the peak year) are left out: a year is not
a quantity to draw next to percentages."""

from __future__ import annotations

from ..rules import Rules


def headline_chart(rules: Rules, columns: list[tuple[str, list]], lang: str = "en", title: str = "") -> bytes:
    """The SVG document (no scripts, nothing loaded from elsewhere)."""
    import pygal
    from pygal.style import Style

    groups = [(ind, year) for ind in rules.indicators if ind.kind != "year" for year in ind.horizon_years]
    labels, series = _series(groups, columns, lang)
    style = Style(font_family="'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif",
                  background="white", plot_background="white")
    chart = pygal.Bar(style=style, js=[], disable_xml_declaration=False, x_label_rotation=12,
                      truncate_label=48, legend_at_bottom=True, print_values=True, width=960, height=520,
                      title=title or None, no_data_text="—", y_title="%", margin_bottom=10)
    chart.x_labels = labels
    for name, values in series:
        chart.add(name, values)
    return _without_scripts(chart.render())


def _without_scripts(svg: bytes) -> bytes:
    """pygal adds a script for its tooltips even with js=[]: a chart to look at needs none."""
    from lxml import etree

    root = etree.fromstring(svg, etree.XMLParser(resolve_entities=False, no_network=True))
    for script in root.findall(".//{http://www.w3.org/2000/svg}script"):
        script.getparent().remove(script)
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


def _series(groups, columns, lang):
    found = []
    for name, targets in columns:
        values = {(t.indicator, t.year): t.value for t in targets
                  if t.value is not None and not (t.superior or t.trend)}
        found.append((name, [values.get((ind.id, year)) for ind, year in groups]))
    kept = [i for i in range(len(groups)) if any(values[i] is not None for _, values in found)]
    labels = [f"{groups[i][1]} {getattr(groups[i][0].name, lang)}" for i in kept]  # the year first: names are long
    return labels, [(name, [values[i] for i in kept]) for name, values in found]
