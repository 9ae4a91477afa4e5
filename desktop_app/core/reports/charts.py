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


def chart_png(spec: ChartSpec, width: float = 340, height: float = 200, scale: float = 4.0) -> bytes:
    """The chart as a PNG (for Word, which takes images): the same layout, series, colours
    and labels as :func:`drawing`, drawn with Pillow (ReportLab's own bitmap renderer needs
    a Cairo build the program does not ship). ``width``/``height`` in points."""
    from io import BytesIO

    from PIL import Image, ImageDraw, ImageFont

    fonts = report_fonts()
    w, h = round(width * scale), round(height * scale)
    image = Image.new("RGB", (w, h), "white")
    draw = ImageDraw.Draw(image)
    regular = ImageFont.truetype(str(fonts.files[0]), round(10 * scale))
    small = ImageFont.truetype(str(fonts.files[0]), round(9 * scale))

    def colour(c: colors.Color) -> tuple[int, int, int]:
        return tuple(round(v * 255) for v in c.rgb())

    def y(points: float) -> float:  # ReportLab's y grows upwards
        return h - points * scale

    if spec.kind == "pie":
        size = min(height - 40, width / 2 - 30)
        x0, y0 = 20, 20
        box = [x0 * scale, y(y0 + size), (x0 + size) * scale, y(y0)]
        total = sum(spec.values) or 1
        angle = 90.0  # ReportLab starts at 12 o'clock, clockwise
        for i, value in enumerate(spec.values):
            sweep = 360 * value / total
            draw.pieslice(box, -angle, -angle + sweep, fill=colour(PALETTE[i % len(PALETTE)]), outline="white", width=round(scale))
            angle -= sweep
        lx, ly = x0 + size + 25, y0 + size - 12
        for i, (label, value) in enumerate(zip(spec.labels, spec.values)):
            top = ly - i * 18
            draw.rectangle([lx * scale, y(top + 8), (lx + 9) * scale, y(top - 1)], fill=colour(PALETTE[i % len(PALETTE)]))
            text = f"{label}: {number(int(value))} ({number(round(100 * value / total, 1))}%)"
            draw.text(((lx + 14) * scale, y(top)), text, font=regular, fill="black", anchor="ls")
    else:
        horizontal = spec.kind == "hbar"
        cx, cy = (110, 20) if horizontal else (45, 35)
        cw, ch = width - cx - 15, height - cy - 15
        top = max(spec.values) * 1.15 or 1
        axis = colour(colors.black)
        draw.line([cx * scale, y(cy), cx * scale, y(cy + ch)], fill=axis, width=round(scale / 2))
        draw.line([cx * scale, y(cy), (cx + cw) * scale, y(cy)], fill=axis, width=round(scale / 2))
        n = len(spec.values)
        slot = (ch if horizontal else cw) / n
        for i, (label, value) in enumerate(zip(spec.labels, spec.values)):
            start = slot * (i + 0.2)
            length = (cw if horizontal else ch) * value / top
            if horizontal:
                row = cy + ch - slot * (i + 0.8)
                draw.rectangle([cx * scale, y(row + slot * 0.6), (cx + length) * scale, y(row)], fill=colour(PALETTE[0]))
                draw.text(((cx + length + 3) * scale, y(row + slot * 0.3)), number(int(value)), font=small, fill="black", anchor="lm")
                draw.text(((cx - 4) * scale, y(row + slot * 0.3)), label, font=small, fill="black", anchor="rm")
            else:
                x0 = cx + start
                draw.rectangle([x0 * scale, y(cy + length), (x0 + slot * 0.6) * scale, y(cy)], fill=colour(PALETTE[0]))
                draw.text(((x0 + slot * 0.3) * scale, y(cy + length + 3)), number(int(value)), font=small, fill="black", anchor="ms")
                draw.text(((x0 + slot * 0.3) * scale, y(cy - 4)), label, font=small, fill="black", anchor="mt")
        for value in _ticks(top):  # value axis ticks at round numbers
            at = (cw if horizontal else ch) * value / top
            if horizontal:
                draw.text(((cx + at) * scale, y(cy - 4)), number(int(value)), font=small, fill="black", anchor="mt")
            else:
                draw.text(((cx - 4) * scale, y(cy + at)), number(int(value)), font=small, fill="black", anchor="rm")
    buffer = BytesIO()
    image.save(buffer, format="PNG", dpi=(72 * scale, 72 * scale))
    return buffer.getvalue()


def _ticks(top: float) -> list[float]:
    """Round tick values (1, 2 or 5 × 10^k apart) from 0 up to ``top``, about five of them."""
    raw = top / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1
    step = next((m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw), 10 * magnitude)
    return [k * step for k in range(int(top // step) + 1)]


def chart_images(figures: Figures, width: float = 340, height: float = 200) -> dict[str, bytes]:
    """Every chart of the report as PNG, by name (the DOCX carries them as pictures)."""
    return {spec.name: chart_png(spec, width, height) for spec in chart_specs(figures)}
