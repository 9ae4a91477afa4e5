"""Charts of a report's figures, defined once: drawn in the PDF appendix and rendered to
SVG for the dashboard (ReportLab graphics; no chart engine of our own)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from desktop_app.core.reports.figures import Figures
from desktop_app.core.reports.fonts import report_fonts
from desktop_app.core.reports.wording import number

PALETTE = [colors.HexColor(c) for c in ("#1f4e79", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5", "#bf9000", "#843c0c")]
GENDER = {"male": "Nam", "female": "Nữ", "other": "Khác", "unknown": "Không rõ"}


@dataclass(frozen=True)
class ChartSpec:
    name: str
    title: str
    kind: str  # "bar", "hbar" or "pie"
    labels: list[str]
    values: list[float]
    unit: str = ""  # what the values count


def _ordered(counts: dict[str, int], names: dict[str, str], order: list[str] | None = None) -> tuple[list[str], list[float]]:
    codes = [c for c in (order or list(names)) if counts.get(c)] + sorted(c for c in counts if c not in names and counts[c])
    return [names.get(c, "Không rõ" if c == "unknown" else c) for c in codes], [float(counts[c]) for c in codes]


def chart_specs(figures: Figures) -> list[ChartSpec]:
    """The charts of a report, as data (empty series are left out)."""
    names = figures.catalog_names
    specs = []
    labels, values = _ordered(figures.by_product_type, names.get("product_type", {}))
    specs.append(ChartSpec("products", "Sản phẩm theo loại", "bar", labels, values, "sản phẩm"))
    themes = names.get("theme", {})
    short = {code: f"Chủ đề {i}" for i, code in enumerate(themes, 1)}
    labels, values = _ordered(figures.by_theme, short)
    specs.append(ChartSpec("themes", "Hoạt động theo chủ đề tuyên truyền", "bar", labels, values, "hoạt động"))
    labels, values = _ordered(figures.by_language, names.get("language", {}))
    # A bar chart: an activity may have several languages, so shares of a pie would not be
    # the table's (Biểu "Hoạt động theo ngôn ngữ" gives them against all activities).
    specs.append(ChartSpec("languages", "Hoạt động theo ngôn ngữ", "bar", labels, values, "hoạt động"))
    kinds = {"product": "Sản phẩm", "broadcast": "Phát sóng, đăng tải", "event": "Sự kiện", "other": "Khác"}
    counts = {"product": figures.product_records, "broadcast": figures.broadcasts, "event": figures.events, "other": figures.other}
    labels, values = _ordered(counts, kinds)
    specs.append(ChartSpec("kinds", "Hoạt động theo loại", "pie", labels, values, "hoạt động"))
    labels, values = _ordered(figures.delegates_by_gender, GENDER)
    specs.append(ChartSpec("gender", "Đại biểu theo giới tính", "pie", labels, values, "đại biểu"))
    labels, values = _ordered(figures.delegates_by_ethnicity, names.get("ethnicity", {}))
    specs.append(ChartSpec("ethnicity", "Đại biểu theo dân tộc", "pie", labels, values, "đại biểu"))
    return [s for s in specs if s.values]


def drawing(spec: ChartSpec, width: float = 340, height: float = 200) -> Drawing:
    """One chart as a ReportLab Drawing (points)."""
    fonts = report_fonts()
    d = Drawing(width, height, initialFontName=fonts.regular, initialFontSize=10)
    if spec.kind == "pie":
        pie = Pie()
        pie.x, pie.y = 20, 20
        pie.width = pie.height = min(height - 40, width / 2 - 30)
        pie.data = spec.values
        pie.labels = None
        pie.slices.strokeColor = colors.white
        for i in range(len(spec.values)):
            pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
        d.add(pie)
        total = sum(spec.values) or 1
        x, y = pie.x + pie.width + 25, pie.y + pie.height - 12
        for i, (label, value) in enumerate(zip(spec.labels, spec.values)):
            d.add(_swatch(x, y - i * 18, PALETTE[i % len(PALETTE)]))
            text = f"{label}: {number(int(value))} ({number(round(100 * value / total, 1))}%)"
            d.add(String(x + 14, y - i * 18, text, fontName=fonts.regular, fontSize=10))
        return d
    chart = VerticalBarChart() if spec.kind == "bar" else HorizontalBarChart()
    chart.x, chart.y = (45, 35) if spec.kind == "bar" else (110, 20)
    chart.width, chart.height = width - chart.x - 15, height - chart.y - 15
    chart.data = [spec.values]
    chart.categoryAxis.categoryNames = spec.labels
    chart.bars[0].fillColor = PALETTE[0]
    chart.barLabelFormat = lambda v: number(int(v))
    chart.barLabels.fontName, chart.barLabels.fontSize = fonts.regular, 9
    if spec.kind == "bar":
        chart.barLabels.nudge = 7
    else:
        chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(spec.values) * 1.15
    chart.valueAxis.labelTextFormat = lambda v: number(int(v))
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName, axis.labels.fontSize = fonts.regular, 9
    d.add(chart)
    return d


def _swatch(x: float, y: float, colour: colors.Color) -> Rect:
    return Rect(x, y - 1, 9, 9, fillColor=colour, strokeColor=None)


def chart_drawings(figures: Figures, width: float = 340, height: float = 200) -> dict[str, Drawing]:
    return {spec.name: drawing(spec, width, height) for spec in chart_specs(figures)}


def to_svg(d: Drawing) -> bytes:
    """The drawing as SVG (UTF-8), for Qt's SVG renderer."""
    return renderSVG.drawToString(d).encode("utf-8")
