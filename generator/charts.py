"""Static SVG charts (pure): articles per month, and articles per country, ranked.

The SVG is inlined into the page, so it takes the page's colours: text is `currentColor`, bars use
Material's CSS variables (see `docs/stylesheets/digest.css`), and both themes read it. Bars are drawn
as one `<path>` to keep a chart to a few kB however many months it spans. Every chart has a
`<title>`/`<desc>` and a data table beside it for readers who cannot see it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from html import escape as _html_escape

from generator.htmltext import text as attr
from generator.markdown import month_label
from generator.model import Article

WIDTH = 640
# Narrower than the monthly chart: on a phone (about 360 px) its labels stay 11-12 px high, and it need
# not fill a desktop column (digest.css caps it at 480 px).
RANKED_WIDTH = 400
MONTHS = ("J", "F", "M", "A", "M", "J", "J", "A", "S", "O", "N", "D")


def escape(text: str) -> str:
    """`&`, `<`, `>` as entities, like `xml.sax.saxutils.escape`, which costs 20 ms of imports."""
    return _html_escape(text, quote=False)


def _num(value: float) -> str:
    """Shortest fixed-point form: 12.0 → `12`, 3.25 → `3.2`."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def month_counts(articles: Iterable[Article]) -> dict[tuple[int, int], int]:
    """Dated articles per (year, month)."""
    return dict(Counter((a.published.year, a.published.month) for a in articles if a.published))


def _month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _svg(chart_id: str, height: int, title: str, desc: str, body: list[str], kind: str, width: int = WIDTH) -> str:
    return (
        f'<svg class="digest-chart-svg digest-chart-{kind}" viewBox="0 0 {width} {height}" width="100%" role="img"'
        f' aria-labelledby="{chart_id}-t {chart_id}-d" xmlns="http://www.w3.org/2000/svg"'
        f' font-size="13" fill="currentColor">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def monthly_chart(counts: dict[tuple[int, int], int], chart_id: str, subject: str) -> str:
    """Column chart of articles per month over a continuous month axis (empty months show as gaps)."""
    if not counts:
        return ""
    # A year at least, ending with the latest month: two articles a month apart drew two bars half the
    # chart wide each.
    last = max(counts)
    year_before = (last[0] - 1, last[1] + 1) if last[1] < 12 else (last[0], 1)  # the 12th month back
    months = _month_range(min(min(counts), year_before), last)
    peak = max(counts.values())
    # The scale (the peak; the axis is zero) is on the right: on a phone the chart opens scrolled to
    # its right end (the latest months, see digest.css), and the scale must be in view there. The
    # last year's label may run under it.
    height, left, right, top, bottom = 140, 4, 30, 10, 22
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / len(months)
    gap = step * 0.15 if step > 3 else 0
    base = top + plot_h
    bars = []
    for index, month in enumerate(months):
        value = counts.get(month, 0)
        if value:
            h = plot_h * value / peak
            bars.append(f"M{_num(left + index * step + gap / 2)} {base}v-{_num(h)}h{_num(step - gap)}v{_num(h)}z")
    years = sorted({year for year, _ in months})
    every = max(1, -(-len(years) * 40 // plot_w))  # at most one year label per 40 px
    labelled = {index for index, (year, month) in enumerate(months) if month == 1 and (year - years[0]) % every == 0}
    # The first month is labelled with its year too, unless a January's label follows too close for
    # it (four digits are about 29 px wide): from a December on, the two years printed over each other.
    if months[0][1] != 1 and all(index * step >= 36 for index in labelled):
        labelled.add(0)
    labels = []
    for index, (year, month) in enumerate(months):
        if index in labelled:
            x = left + index * step
            labels.append(f'<text x="{_num(min(x, WIDTH - 36))}" y="{height - 6}">{year}</text>')
            labels.append(f'<path class="tick" d="M{_num(x)} {base}v4"/>')
        elif len(months) <= 24:
            labels.append(
                f'<text x="{_num(left + (index + 0.5) * step)}" y="{height - 6}" text-anchor="middle"'
                f' opacity=".6">{MONTHS[month - 1]}</text>'
            )
    total = sum(counts.values())
    first, last = month_label(*min(counts)), month_label(*max(counts))  # the articles', not the axis's
    busiest = [month for month, count in counts.items() if count == peak]
    when = month_label(*busiest[0]) if len(busiest) == 1 else f"in {len(busiest)} months"
    desc = f"{total} dated article(s) {subject} from {first} to {last}; at most {peak} in a month ({when})."
    body = [
        f'<text x="{left + plot_w + 4}" y="{top + 8}">{peak}</text>',
        # A dotted line at the peak's height: the number beside the latest bar reads as the scale.
        f'<path class="tick" d="M{left} {top}H{left + plot_w}" stroke-dasharray="2 4"/>',
        f'<path class="digest-bar" d="{"".join(bars)}"/>',
        f'<path class="axis" d="M{left} {base}H{left + plot_w}" stroke="currentColor" stroke-opacity=".4"/>',
        *labels,
    ]
    return _svg(chart_id, height, f"Articles per month {subject}", desc, body, "monthly")


def ranked_chart(items: list[tuple[str, int]], chart_id: str, subject: str) -> str:
    """Horizontal bars, one row per (label, count), in the given order (most first)."""
    if not items:
        return ""
    row, label_w, top = 20, 160, 4
    height = top + row * len(items) + 4
    peak = max(count for _, count in items)
    plot_w = RANKED_WIDTH - label_w - 40
    bars, texts = [], []
    for index, (label, count) in enumerate(items):
        y = top + index * row
        w = plot_w * count / peak
        bars.append(f"M{label_w} {y + 3}h{_num(w)}v{row - 6}h-{_num(w)}z")
        texts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        texts.append(f'<text x="{_num(label_w + w + 4)}" y="{y + 14}">{count}</text>')
    desc = "; ".join(f"{label}: {count}" for label, count in items)
    body = [f'<path class="digest-bar" d="{"".join(bars)}"/>', *texts]
    return _svg(chart_id, height, f"Articles {subject}", desc, body, "ranked", RANKED_WIDTH)


def figure(svg: str, caption: str, rows: list[tuple[str, str]], headers: tuple[str, str]) -> str:
    """A raw-HTML block for a Markdown page: the chart, its caption, and its data as a table.

    Every string is escaped here; the block has no blank line, so Markdown leaves it alone.
    """
    if not svg:
        return ""
    cells = "".join(f"<tr><td>{attr(a)}</td><td>{attr(b)}</td></tr>" for a, b in rows)
    # Left out of search (`data-search-exclude`): its years, months and counts made a country's page a
    # result for "2024" or "January 2025" ahead of the articles of that date.
    return (
        f'<figure class="digest-chart" data-search-exclude><div class="digest-chart-scroll">{svg}</div>'
        f"<figcaption>{attr(caption)}</figcaption></figure>\n"
        f'<details class="digest-chart-data" data-search-exclude><summary>The chart as a table</summary>'
        f"<table><thead><tr><th>{attr(headers[0])}</th><th>{attr(headers[1])}</th></tr></thead>"
        f"<tbody>{cells}</tbody></table></details>\n"
    )


def monthly_figure(articles: Iterable[Article], chart_id: str, subject: str) -> str:
    """`monthly_chart` of `articles` in a figure, with its non-empty months as a table; nothing when
    the articles fall in one month: one bar says no more than the page's sentence above it (9 of the
    15 country pages of the seeds opened with a single bar across the chart)."""
    counts = month_counts(articles)
    if len(counts) < 2:
        return ""
    rows = [(month_label(*month), str(counts[month])) for month in sorted(counts, reverse=True)]
    caption = f"Articles per month {subject} (by publication date; undated articles are not counted)."
    return figure(monthly_chart(counts, chart_id, subject), caption, rows, ("Month", "Articles"))
