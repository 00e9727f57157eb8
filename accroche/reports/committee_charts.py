"""The committee report's charts, drawn server-side as SVG by pygal (no script, so a PDF
renderer and an e-mail client show them as they are). Each chart's figures are also in
a table of the report."""

from django.utils.translation import gettext as _

from accroche.reports.committee_pygal import Bar, Graph, HorizontalBar, Pie, Style
from accroche.reports.indicators import Stage
from accroche.reports.pic import PicReport

STYLE = Style(
    font_family="DejaVu Sans, sans-serif",
    background="white",
    plot_background="white",
    colors=("#1d4e89", "#f4a259", "#5b8e7d", "#bc4b51", "#8cb369", "#6d597a", "#e5989b"),
    title_font_size=16,
    label_font_size=11,
    major_label_font_size=11,
    legend_font_size=12,
    value_font_size=11,
)
OPTIONS = {"width": 760, "height": 380, "style": STYLE, "js": [], "disable_xml_declaration": True}


def _options() -> dict[str, object]:
    # pygal's default empty-chart text is English ("No data"); the report is read in French.
    return {**OPTIONS, "no_data_text": _("Aucune donnée")}


def _svg(chart: Graph) -> str:
    return str(chart.render(is_unicode=True))


def funnel_chart(stages: list[Stage]) -> str:
    chart = HorizontalBar(print_values=True, **_options())
    chart.title = _("Du repérage à la sortie : réalisé et objectif")
    shown = list(reversed(stages))  # pygal draws the first bar at the bottom
    chart.x_labels = [stage.label for stage in shown]
    chart.add(_("Réalisé"), [stage.value for stage in shown])
    chart.add(_("Objectif"), [stage.target for stage in shown])
    return _svg(chart)


def communes_chart(report: PicReport) -> str:
    chart = Bar(x_label_rotation=35, **_options())
    chart.title = _("Jeunes repérés et mobilisés par commune de résidence")
    rows = [row for row in report.communes if row.code]
    chart.x_labels = [row.label for row in rows]
    chart.add(_("Repérés"), [row.values.get("identified", 0) for row in rows])
    chart.add(_("Mobilisés"), [row.values.get("enrolled", 0) for row in rows])
    return _svg(chart)


def exits_chart(exits: list[tuple[str, int]]) -> str:
    chart = Pie(inner_radius=0.4, legend_at_bottom=True, truncate_legend=-1, **_options())
    chart.title = _("Sorties de la période")
    for label, count in exits:
        chart.add(label, count)
    if not exits:
        chart.no_data_text = _("Aucune sortie dans la période")
    return _svg(chart)
