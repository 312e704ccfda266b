"""tests/svgplot.py: a log-log line plot written as SVG by hand, with
Python's standard library only (`make bench` draws schedule_cost.svg with
it: cost per switch against runnable tasks, one line per scheduler).

plot(series, title, xlabel, ylabel) returns the SVG text; series maps a
name to a list of (x, y) points, x and y > 0. Both axes are log10, their
ranges widened to whole decades, with a grid line and label per decade.
"""
import math
from xml.sax.saxutils import escape

WIDTH, HEIGHT = 640, 420
LEFT, RIGHT, TOP, BOTTOM = 80, 150, 40, 60
COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd']


def decades(values):
    lo = math.floor(math.log10(min(values)))
    hi = math.ceil(math.log10(max(values)))
    return lo, max(hi, lo + 1)


def scale(v, lo, hi, a, b):
    """v (log10 range lo..hi decades) to the pixel range a..b."""
    return a + (math.log10(v) - lo) / (hi - lo) * (b - a)


def axis_lines(xlo, xhi, ylo, yhi, x0, x1, y0, y1):
    out = []
    for d in range(xlo, xhi + 1):
        x = scale(10 ** d, xlo, xhi, x0, x1)
        out.append(f'<line x1="{x:.1f}" y1="{y0}" x2="{x:.1f}" y2="{y1}" stroke="#ddd"/>')
        out.append(f'<text x="{x:.1f}" y="{y0 + 18}" text-anchor="middle">{10 ** d:,}</text>')
    for d in range(ylo, yhi + 1):
        y = scale(10 ** d, ylo, yhi, y0, y1)
        out.append(f'<line x1="{x0}" y1="{y:.1f}" x2="{x1}" y2="{y:.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">{10 ** d:,}</text>')
    out.append(f'<rect x="{x0}" y="{y1}" width="{x1 - x0}" height="{y0 - y1}" '
               'fill="none" stroke="#333"/>')
    return out


def plot(series, title, xlabel, ylabel):
    xs = [x for pts in series.values() for x, _ in pts]
    ys = [y for pts in series.values() for _, y in pts]
    xlo, xhi = decades(xs)
    ylo, yhi = decades(ys)
    x0, x1, y0, y1 = LEFT, WIDTH - RIGHT, HEIGHT - BOTTOM, TOP
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>']
    out += axis_lines(xlo, xhi, ylo, yhi, x0, x1, y0, y1)
    out.append(f'<text x="{(x0 + x1) / 2}" y="{HEIGHT - 18}" text-anchor="middle">{escape(xlabel)}</text>')
    out.append(f'<text x="18" y="{(y0 + y1) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 18 {(y0 + y1) / 2})">{escape(ylabel)}</text>')
    for i, (name, pts) in enumerate(series.items()):
        colour = COLOURS[i % len(COLOURS)]
        xy = [(scale(x, xlo, xhi, x0, x1), scale(y, ylo, yhi, y0, y1)) for x, y in sorted(pts)]
        path = ' '.join(f'{x:.1f},{y:.1f}' for x, y in xy)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for (x, y), (_, v) in zip(xy, sorted(pts)):
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}">'
                       f'<title>{escape(name)}: {v:,}</title></circle>')
        ly = TOP + 20 + 22 * i
        out.append(f'<line x1="{x1 + 15}" y1="{ly}" x2="{x1 + 40}" y2="{ly}" stroke="{colour}" '
                   'stroke-width="2"/>')
        out.append(f'<text x="{x1 + 46}" y="{ly + 4}">{escape(name)}</text>')
    out.append('</svg>')
    return '\n'.join(out) + '\n'
