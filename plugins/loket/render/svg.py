"""Small, accessible, deterministic SVG charts drawn at build time.

No JavaScript and no external requests: every chart is one inline `<svg>` with
role="img", a <title> and a <desc> that states the figures in words, and text
labels on every bar, so colour is never the only carrier of meaning. Pages put
a data table next to each chart. Output depends only on the input (ids come
from the caller, numbers are rounded to one decimal), so builds stay
byte-identical.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

TEXT = "#1b1b1b"
MUTED = "#4d4d4d"  # axis labels: 8.6:1 on white
GRID = "#c9c9c9"  # decorative lines only
BAND = "#f3f6f9"  # alternate row background
NOW = "#a00000"  # "today" marker: 8.3:1 on white

# Fills reach at least 4.5:1 against white (WCAG 1.4.11 asks 3:1 for graphics);
# a pattern marks the styles that could be confused when colour is not seen.
STYLES = {
    "primair": {"fill": "#1d4a6e"},
    "live": {"fill": "#1e6b35"},
    "gepland": {"fill": "#8a4500", "pattern": "streep"},
    "niet": {"fill": "#595959", "pattern": "stip"},
    "idee": {"fill": "#6a3d8f", "pattern": "stip"},
    "lopend": {"fill": "#1d4a6e"},
    "afgerond": {"fill": "#1e6b35"},
    "gestopt": {"fill": "#595959", "pattern": "kruis"},
}

FONT_SIZE = 14
CHAR_WIDTH = 0.52 * FONT_SIZE  # average glyph width of the sans-serif UI fonts, for layout only


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str  # the figure printed after the bar, e.g. "31 (54,4%)"
    style: str = "primair"


@dataclass(frozen=True)
class BarGroup:
    label: str | None
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Span:
    """One row of a timeline: a label and the first and last day it covers."""

    label: str
    first: dt.date
    last: dt.date
    status: str  # printed next to the bar
    style: str = "primair"


def _n(value: float) -> str:
    """Coordinates with at most one decimal, no trailing zeros: stable across platforms."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: float = FONT_SIZE) -> float:
    return len(text) * 0.52 * size


def _wrap(text: str, max_chars: int, max_lines: int = 2) -> list[str]:
    """Word-wrap for SVG <text>; the last line ends in an ellipsis if the text does not fit."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for i, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if len(candidate) <= max_chars or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines - 1:
            current = " ".join(words[i:])
            break
    lines.append(current)
    if len(lines[-1]) > max_chars:
        lines[-1] = lines[-1][: max_chars - 1].rstrip() + "…"
    return lines


def _defs(chart_id: str, styles: set[str]) -> str:
    patterns = []
    for name in sorted(styles):
        style = STYLES[name]
        kind = style.get("pattern")
        if not kind:
            continue
        fill = style["fill"]
        pid = f"{chart_id}-{name}"
        if kind == "streep":
            body = f'<rect width="8" height="8" fill="{fill}"/><path d="M0 8L8 0" stroke="#ffffff" stroke-width="2"/>'
        elif kind == "stip":
            body = f'<rect width="8" height="8" fill="{fill}"/><circle cx="4" cy="4" r="1.6" fill="#ffffff"/>'
        else:  # kruis
            body = f'<rect width="8" height="8" fill="{fill}"/><path d="M0 0L8 8M8 0L0 8" stroke="#ffffff" stroke-width="1.2"/>'
        patterns.append(f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">{body}</pattern>')
    return f"<defs>{''.join(patterns)}</defs>" if patterns else ""


def _paint(chart_id: str, style: str) -> str:
    spec = STYLES[style]
    return f"url(#{chart_id}-{style})" if spec.get("pattern") else spec["fill"]


def _svg(chart_id: str, title: str, description: str, width: float, height: float, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="loket-svg" role="img" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-beschrijving" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'font-size="{FONT_SIZE}">'
        f'<title id="{chart_id}-titel">{escape(title)}</title>'
        f'<desc id="{chart_id}-beschrijving">{escape(description)}</desc>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _label(x: float, y: float, lines: list[str], line_height: float, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    if len(lines) == 1:
        return f'<text x="{_n(x)}" y="{_n(y)}"{extra}>{escape(lines[0])}</text>'
    top = y - (len(lines) - 1) * line_height / 2
    spans = "".join(
        f'<tspan x="{_n(x)}" y="{_n(top + i * line_height)}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f"<text{extra}>{spans}</text>"


def bar_chart(chart_id: str, title: str, description: str, groups: list[BarGroup], *,
              maximum: float | None = None, width: int = 720) -> Markup:
    """Horizontal bars, one per row, each with its label on the left and its figure on the right."""
    bars = [bar for group in groups for bar in group.bars]
    top = max([maximum or 0] + [bar.value for bar in bars]) or 1
    label_chars = 34
    label_width = min(max([_text_width(b.label) for b in bars] + [80]), label_chars * CHAR_WIDTH) + 12
    figure_width = max([_text_width(b.text) for b in bars] + [40]) + 10
    area = width - label_width - figure_width
    body = [_defs(chart_id, {b.style for b in bars})]
    y = 6.0
    bar_height = 20
    for group in groups:
        if group.label:
            y += 8
            body.append(f'<text x="0" y="{_n(y + 14)}" font-weight="700" fill="{TEXT}">{escape(group.label)}</text>')
            y += 24
        axis_top = y
        for bar in group.bars:
            lines = _wrap(bar.label, label_chars)
            row = max(30, 18 * len(lines) + 10)
            middle = y + row / 2
            body.append(_label(label_width - 10, middle + 5, lines, 17, text_anchor="end", fill=TEXT))
            length = area * bar.value / top
            if length > 0:
                body.append(
                    f'<rect x="{_n(label_width)}" y="{_n(middle - bar_height / 2)}" width="{_n(max(length, 2))}" '
                    f'height="{bar_height}" fill="{_paint(chart_id, bar.style)}" stroke="{STYLES[bar.style]["fill"]}"/>'
                )
            body.append(f'<text x="{_n(label_width + max(length, 0) + 6)}" y="{_n(middle + 5)}" fill="{TEXT}">'
                        f'{escape(bar.text)}</text>')
            y += row
        body.append(f'<line x1="{_n(label_width)}" y1="{_n(axis_top)}" x2="{_n(label_width)}" y2="{_n(y)}" stroke="{TEXT}"/>')
    return _svg(chart_id, title, description, width, y + 6, body)


def _quarter_index(day: dt.date) -> int:
    return day.year * 4 + (day.month - 1) // 3


def timeline(chart_id: str, title: str, description: str, spans: list[Span], *, today: dt.date | None = None,
             label_width: int = 250, quarter_width: int = 36) -> Markup:
    """A quarter-by-quarter timeline: years and quarters across, one bar per span, its status printed beside it."""
    if not spans:
        return _svg(chart_id, title, description, label_width, 20, [])
    first = min(_quarter_index(s.first) for s in spans)
    last = max(_quarter_index(s.last) for s in spans)
    if today is not None and first <= _quarter_index(today) <= last + 1:
        last = max(last, _quarter_index(today))
    quarters = range(first, last + 1)
    width = label_width + len(quarters) * quarter_width + 8
    header = 48
    chars = int((label_width - 12) / CHAR_WIDTH)
    labels = [_wrap(span.label, chars, max_lines=3) for span in spans]
    rows = [max(40, 17 * len(lines) + 8) for lines in labels]
    tops = [header + sum(rows[:i]) for i in range(len(spans))]
    bottom = header + sum(rows)
    height = bottom + 24  # room for the "nu" label under the rows
    body = [_defs(chart_id, {s.style for s in spans})]
    for i, (top, row) in enumerate(zip(tops, rows)):
        if i % 2 == 0:
            body.append(f'<rect x="0" y="{top}" width="{_n(width)}" height="{row}" fill="{BAND}"/>')
    for n, index in enumerate(quarters):
        x = label_width + n * quarter_width
        year, quarter = divmod(index, 4)
        if quarter == 0 or n == 0:
            body.append(f'<text x="{x + 4}" y="18" font-weight="700" fill="{TEXT}">{year}</text>')
            body.append(f'<line x1="{x}" y1="4" x2="{x}" y2="{bottom}" stroke="{GRID}"/>')
        body.append(f'<text x="{_n(x + quarter_width / 2)}" y="40" text-anchor="middle" fill="{MUTED}">Q{quarter + 1}</text>')
    for span, lines, top, row in zip(spans, labels, tops, rows):
        middle = top + row / 2
        body.append(_label(0, middle + 5, lines, 17, fill=TEXT))
        x0 = label_width + (_quarter_index(span.first) - first) * quarter_width + 2
        x1 = label_width + (_quarter_index(span.last) - first + 1) * quarter_width - 2
        color = STYLES[span.style]["fill"]
        body.append(f'<rect x="{_n(x0)}" y="{_n(middle - 9)}" width="{_n(x1 - x0)}" height="18" rx="3" '
                    f'fill="{_paint(chart_id, span.style)}" stroke="{color}"/>')
        status_width = _text_width(span.status, 13)
        if x1 + 6 + status_width <= width:
            body.append(f'<text x="{_n(x1 + 6)}" y="{_n(middle + 5)}" font-size="13" fill="{TEXT}">{escape(span.status)}</text>')
        elif x0 - 6 - status_width >= label_width:
            body.append(f'<text x="{_n(x0 - 6)}" y="{_n(middle + 5)}" font-size="13" text-anchor="end" fill="{TEXT}">'
                        f'{escape(span.status)}</text>')
        else:
            body.append(f'<text x="{_n(x0 + 6)}" y="{_n(middle + 5)}" font-size="13" font-weight="700" fill="#ffffff" '
                        f'stroke="{color}" stroke-width="3" paint-order="stroke">{escape(span.status)}</text>')
    if today is not None and first <= _quarter_index(today) <= last:
        quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        offset = (today - quarter_start).days / 92
        x = label_width + (_quarter_index(today) - first + offset) * quarter_width
        body.append(f'<line x1="{_n(x)}" y1="{header - 4}" x2="{_n(x)}" y2="{bottom + 6}" stroke="{NOW}" '
                    f'stroke-width="2" stroke-dasharray="5 3"/>')
        body.append(f'<text x="{_n(x)}" y="{bottom + 20}" text-anchor="middle" font-size="13" font-weight="700" '
                    f'fill="{NOW}">nu</text>')
    return _svg(chart_id, title, description, width, height, body)
