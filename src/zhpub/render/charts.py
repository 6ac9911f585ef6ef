"""SVG charts made at build time (no script): a measure's target and result per year.

Built with xml.etree, which escapes every text and attribute; numbers are formatted with fixed precision so
the same ledger gives byte-identical files."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from ..corpus.ledger import LedgerRow

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 44, 32
INK, GRID, AXIS = "#1a1a1a", "#dddddd", "#666666"  # dark text on white: readable in print and in high contrast
TARGET_FILL, TARGET_EDGE = "#cfcfcf", "#8a8a8a"
RESULT_FILL = {"met": "#1b7837", "close": "#b35806", "missed": "#b2182b", "no target": "#ffffff"}
# a shape per verdict as well as a colour: the chart reads in black and white and for colour-blind readers
RESULT_SHAPE = {"met": "circle", "close": "diamond", "missed": "triangle", "no target": "circle"}


def _n(x: float) -> str:
    return f"{x:.1f}"


def _target_span(row: LedgerRow) -> tuple[float, float] | None:
    """What the target allows, on the chart's scale: a floor or ceiling is drawn as a line, a band as a box."""
    t = row.target
    if t is None:
        return None
    m = row.measure
    if t.upper is not None:
        return t.value, t.upper
    if m.better == "band":
        return t.value - m.about, t.value + m.about
    return t.value, t.value


def _marker(parent: ET.Element, verdict: str, cx: float, cy: float, size: float = 4.5) -> None:
    shape = RESULT_SHAPE.get(verdict, "circle")
    common = {"fill": RESULT_FILL.get(verdict, "#ffffff"), "stroke": "#333333", "stroke-width": "1",
              "class": f"zh-result zh-{verdict.replace(' ', '-')}"}
    if shape == "circle":
        ET.SubElement(parent, "circle", {"cx": _n(cx), "cy": _n(cy), "r": _n(size), **common})
        return
    s = size * 1.3
    if shape == "diamond":
        points = [(cx, cy - s), (cx + s, cy), (cx, cy + s), (cx - s, cy)]
    else:  # a triangle pointing down: a result that fell short
        points = [(cx - s, cy - s * 0.8), (cx + s, cy - s * 0.8), (cx, cy + s)]
    ET.SubElement(parent, "polygon", {"points": " ".join(f"{_n(x)},{_n(y)}" for x, y in points), **common})


def measure_chart(rows: list[LedgerRow], title: str, labels: dict[str, str], unit: str, description: str) -> str:
    """One measure's rows (any years) as an SVG document: target per year in grey (a band as a box, a floor or
    ceiling as a bar), the next report's result as a marker whose colour and shape give the verdict, a legend and
    the unit on the axis. ``labels`` are the page's words (target, the verdict names) in its script;
    ``description`` is the chart's data in words (the SVG's desc, for a screen reader)."""
    rows = sorted(rows, key=lambda r: r.year)
    years = [r.year for r in rows]
    values = [v for r in rows for v in ((_target_span(r) or ()) + ((r.result.value,) if r.result else ()))]
    if not rows or not values:
        values = [0.0, 1.0]
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    first, last = min(years, default=0), max(years, default=1)
    span_years = max(last - first, 1)

    def x(year: float) -> float:
        return LEFT + (year - first + 0.5) / (span_years + 1) * (WIDTH - LEFT - RIGHT)

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * (HEIGHT - TOP - BOTTOM)

    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {HEIGHT}",
                             "width": str(WIDTH), "height": str(HEIGHT), "role": "img",
                             "aria-labelledby": "chart-title chart-desc", "font-family": "sans-serif",
                             "font-size": "12", "fill": INK})
    ET.SubElement(svg, "title", {"id": "chart-title"}).text = title
    ET.SubElement(svg, "desc", {"id": "chart-desc"}).text = description
    ET.SubElement(svg, "rect", {"x": "0", "y": "0", "width": str(WIDTH), "height": str(HEIGHT), "fill": "#ffffff"})
    # legend, on one line above the plot
    legend = ET.SubElement(svg, "g", {"class": "zh-legend"})
    lx = LEFT
    ET.SubElement(legend, "rect", {"x": str(lx), "y": "10", "width": "18", "height": "10", "fill": TARGET_FILL,
                                   "stroke": TARGET_EDGE, "stroke-width": "1"})
    ET.SubElement(legend, "text", {"x": str(lx + 24), "y": "19"}).text = labels["target"]
    lx += 24 + 14 * len(labels["target"]) + 16
    for verdict in ("met", "close", "missed", "no target"):
        _marker(legend, verdict, lx + 5, 15)
        ET.SubElement(legend, "text", {"x": str(lx + 15), "y": "19"}).text = labels[verdict]
        lx += 15 + 14 * len(labels[verdict]) + 16
    # the unit, above the value axis
    ET.SubElement(svg, "text", {"x": str(LEFT - 8), "y": str(TOP - 8), "text-anchor": "end"}).text = unit
    step = _nice_step((high - low) / 4)
    tick = math.ceil(low / step) * step
    while tick <= high:
        ET.SubElement(svg, "line", {"x1": str(LEFT), "x2": str(WIDTH - RIGHT), "y1": _n(y(tick)), "y2": _n(y(tick)),
                                    "stroke": GRID})
        ET.SubElement(svg, "text", {"x": str(LEFT - 8), "y": _n(y(tick) + 4), "text-anchor": "end"}).text = f"{tick:g}"
        tick = round(tick + step, 10)
    ET.SubElement(svg, "line", {"x1": str(LEFT), "x2": str(LEFT), "y1": str(TOP), "y2": str(HEIGHT - BOTTOM),
                                "stroke": AXIS})
    ET.SubElement(svg, "line", {"x1": str(LEFT), "x2": str(WIDTH - RIGHT), "y1": str(HEIGHT - BOTTOM),
                                "y2": str(HEIGHT - BOTTOM), "stroke": AXIS})
    slot = (WIDTH - LEFT - RIGHT) / (span_years + 1)
    for r in rows:
        cx = x(r.year)
        ET.SubElement(svg, "text", {"x": _n(cx), "y": str(HEIGHT - 12), "text-anchor": "middle"}).text = str(r.year)
        span = _target_span(r)
        if span:
            a, b = span
            top, bottom = y(max(a, b)), y(min(a, b))
            ET.SubElement(svg, "rect", {"x": _n(cx - slot * 0.35), "y": _n(top - 1.5), "width": _n(slot * 0.7),
                                        "height": _n(max(bottom - top, 0) + 3), "fill": TARGET_FILL,
                                        "stroke": TARGET_EDGE, "stroke-width": "0.5", "class": "zh-target"})
        if r.result:
            _marker(svg, r.verdict, cx, y(r.result.value))
    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode") + "\n"


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power


def count_chart(per_year: dict[int, int], years: list[int], title: str) -> str:
    """A term's occurrences per year as small bars (every year of the corpus, empty ones too)."""
    width, height, bar = max(len(years), 1) * 14 + 4, 40, 10
    peak = max(per_year.values(), default=0) or 1
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}",
                             "width": str(width), "height": str(height), "role": "img"})
    ET.SubElement(svg, "title").text = title
    for i, year in enumerate(years):
        n = per_year.get(year, 0)
        h = 0 if not n else max(2.0, (height - 4) * n / peak)
        ET.SubElement(svg, "rect", {"x": str(2 + i * 14), "y": _n(height - 2 - h), "width": str(bar), "height": _n(h),
                                    "fill": "#7b1e2b" if n else "#dddddd"})
        if not n:
            ET.SubElement(svg, "rect", {"x": str(2 + i * 14), "y": str(height - 3), "width": str(bar), "height": "1", "fill": "#bbbbbb"})
    ET.indent(svg)
    return ET.tostring(svg, encoding="unicode") + "\n"
