#!/usr/bin/env python3
"""Plot and tabulate an echo load comparison made by compare-all.sh (standard library only).

    python3 benchmarks/load/plot.py RESULTS_DIR... [--replace DIR...] [--svg FILE] [--markdown] [--summary]

A RESULTS_DIR holds compare.sh's raw lines, one file per pair (c-vs-loop.txt, loop-vs-nio.txt, ...):
`round=R side=A|B server=NAME scenario=S key=value ...`; the rounds of several directories pool.
Every ratio is the median over rounds of a per-round ratio, so both sides of a ratio come from the
same round of the same run; the range is the smallest and largest per-round ratio. Against C it is
server ÷ C; for a pair of Java servers (loop-vs-nio) the first ÷ the second. Server CPU per message is the server process's
CPU (user + system) per message, or per connection in the storm, in microseconds.

--svg writes two panels per scenario for the six servers: msgs/s (conns/s in the storm) and
server CPU per message (per connection in the storm), each as a ratio to the C server in the same
rounds, with C's own CPU per message in microseconds under each scenario. --markdown prints the
tables README.md shows.
"""
import argparse
import os
import statistics
import sys

SERVERS = ["c", "loop", "virtual", "nio", "vt", "netty"]
LABELS = {"c": "C epoll", "loop": "Conduit loop", "virtual": "Conduit virtual", "nio": "java.nio Selector",
          "vt": "java.net on virtual threads", "netty": "Netty epoll"}
COLOURS = {"c": "#555555", "loop": "#1f77b4", "virtual": "#6baed6", "nio": "#ff7f0e", "vt": "#fdae6b",
           "netty": "#2ca02c"}
SCENARIOS = ["1c_64B", "64c_64B", "64c_16K", "1000c_64B", "storm"]


def load(path):
    """{(side, round, scenario): {key: value}} of one pair's raw file, with CPU per operation added."""
    rows = {}
    with open(path) as raw:
        for line in raw:
            kv = dict(f.split("=", 1) for f in line.split() if "=" in f)
            if "scenario" not in kv:
                continue
            rate = kv.get("msgs_per_s") or kv.get("conns_per_s")
            try:
                kv["srv_us_per_op"] = str(float(kv["srv_cpu_pct"]) * 1e4 / float(rate))
            except (KeyError, TypeError, ValueError, ZeroDivisionError):
                pass
            rows[(kv["side"], kv["round"], kv["scenario"])] = kv
    return rows


def number(row, key):
    try:
        value = float(row[key])
    except (KeyError, TypeError, ValueError):
        return None
    return value if value >= 0 else None


def ratios(rows, scenario, key, inverse=False):
    """Per-round B/A of one metric (A/B with inverse)."""
    out = []
    for (side, rnd, sc), a in rows.items():
        if side != "A" or sc != scenario:
            continue
        b = rows.get(("B", rnd, sc))
        va, vb = number(a, key), number(b or {}, key)
        if inverse:
            va, vb = vb, va
        if va and vb is not None:
            out.append(vb / va)
    return out


def side_values(rows, side, scenario, key):
    return [v for (s, _, sc), row in rows.items() if s == side and sc == scenario
            for v in [number(row, key)] if v is not None]


class Summary:
    """median and range of a list of values; empty lists print as '-'."""

    def __init__(self, values):
        self.values = sorted(values)

    def __bool__(self):
        return bool(self.values)

    @property
    def median(self):
        return statistics.median(self.values)

    def cell(self, digits=2):
        if not self.values:
            return "-"
        lo, hi = self.values[0], self.values[-1]
        return f"{self.median:.{digits}f} ({lo:.{digits}f}-{hi:.{digits}f})"


def rate_key(scenario):
    return "conns_per_s" if scenario == "storm" else "msgs_per_s"


def collect(directories, replacing=()):
    """Every pair's rows from every directory; rounds of later directories are renumbered after
    the earlier ones', so their per-round ratios pool (each ratio still compares one round). A pair
    in a directory of replacing (e.g. re-measured after a change) drops that pair's earlier rounds."""
    pairs = {}
    for run, results in enumerate(list(directories) + list(replacing)):
        replace = run >= len(directories)
        for name in sorted(os.listdir(results)):
            if name.endswith(".txt") and "-vs-" in name:
                a, b = name[:-4].split("-vs-")
                if replace:
                    pairs.pop((a, b), None)
                rows = pairs.setdefault((a, b), {})
                for (side, rnd, sc), row in load(os.path.join(results, name)).items():
                    rows[(side, f"{run}.{rnd}", sc)] = row
    return pairs


def markdown(pairs):
    lines = []
    against_c = [s for s in SERVERS[1:] if ("c", s) in pairs]
    lines.append("Against the C server (B/A = server / C; median of the per-round ratios, range in brackets):\n")
    lines.append("| scenario | server | msgs/s (storm: conns/s) | server CPU per msg | p99 latency | C's CPU per msg (µs) |")
    lines.append("|---|---|---|---|---|---|")
    for sc in SCENARIOS:
        for s in against_c:
            rows = pairs[("c", s)]
            c_cpu = Summary(side_values(rows, "A", sc, "srv_us_per_op"))
            c_cell = f"{c_cpu.median:.1f}" if c_cpu else "-"
            lines.append(f"| {sc} | {s} | {Summary(ratios(rows, sc, rate_key(sc))).cell()} | "
                         f"{Summary(ratios(rows, sc, 'srv_us_per_op')).cell()} | "
                         f"{Summary(ratios(rows, sc, 'p99_us')).cell()} | {c_cell} |")
    direct = [(a, b) for (a, b) in sorted(pairs) if a != "c"]
    if direct:
        lines.append("\nConduit against a Java server, side by side (Conduit ÷ the other, per round):\n")
        lines.append("| Conduit ÷ | scenario | msgs/s (storm: conns/s) | server CPU per msg | p99 latency |")
        lines.append("|---|---|---|---|---|")
        for a, b in direct:
            rows = pairs[(a, b)]
            for sc in SCENARIOS:
                lines.append(f"| {a} ÷ {b} | {sc} | {Summary(ratios(rows, sc, rate_key(sc), True)).cell()} | "
                             f"{Summary(ratios(rows, sc, 'srv_us_per_op', True)).cell()} | "
                             f"{Summary(ratios(rows, sc, 'p99_us', True)).cell()} |")
    lines.append("\nMemory and start-up, same JVM flags for every Java server (first ÷ second, per round):\n")
    lines.append("| first ÷ second | time to ready | idle RSS | RSS at 1,000 connections | first: ready ms / idle MB / 1,000c MB | second: ready ms / idle MB / 1,000c MB |")
    lines.append("|---|---|---|---|---|---|")
    for (a, b), rows in sorted(pairs.items(), key=lambda p: p[0][0] == "c"):
        first, second, inverse = (b, a, False) if a == "c" else (a, b, True)
        def absolute(side):
            ready = Summary(side_values(rows, side, "startup", "ready_ms"))
            idle = Summary(side_values(rows, side, "startup", "idle_rss_kb"))
            busy = Summary(side_values(rows, side, "1000c_64B", "srv_rss_kb"))
            return " / ".join(f"{x.median / d:.0f}" if x else "-" for x, d in ((ready, 1), (idle, 1024), (busy, 1024)))
        sides = ("A", "B") if inverse else ("B", "A")
        lines.append(f"| {first} ÷ {second} | {Summary(ratios(rows, 'startup', 'ready_ms', inverse)).cell()} | "
                     f"{Summary(ratios(rows, 'startup', 'idle_rss_kb', inverse)).cell()} | "
                     f"{Summary(ratios(rows, '1000c_64B', 'srv_rss_kb', inverse)).cell()} | "
                     f"{absolute(sides[0])} | {absolute(sides[1])} |")
    return "\n".join(lines)


def summary(pairs):
    """One line per scenario, one column per server: msgs/s ÷ C's, then server CPU per msg ÷ C's."""
    servers = [s for s in SERVERS[1:] if ("c", s) in pairs]
    lines = ["| scenario | " + " | ".join(LABELS[s] for s in servers) + " | C's CPU per msg |",
             "|---|" + "---|" * (len(servers) + 1)]
    for sc in SCENARIOS:
        cells, c_cpu = [], []
        for s in servers:
            rows = pairs[("c", s)]
            rate = Summary(ratios(rows, sc, rate_key(sc)))
            cpu = Summary(ratios(rows, sc, "srv_us_per_op"))
            cells.append(f"{rate.median:.2f} / {cpu.median:.2f}" if rate and cpu else "-")
            c_cpu += side_values(rows, "A", sc, "srv_us_per_op")
        c_cell = f"{statistics.median(c_cpu):.1f} µs" if c_cpu else "-"
        lines.append(f"| {sc} | " + " | ".join(cells) + f" | {c_cell} |")
    return "\n".join(lines)


def svg(pairs, title):
    """Two panels: throughput relative to C, and server CPU per message, grouped by scenario."""
    servers = ["c"] + [s for s in SERVERS[1:] if ("c", s) in pairs]
    throughput, cpu, c_cpu_us = {}, {}, {}
    for sc in SCENARIOS:
        c_cpu = []
        for s in servers[1:]:
            rows = pairs[("c", s)]
            throughput[(sc, s)] = Summary(ratios(rows, sc, rate_key(sc)))
            cpu[(sc, s)] = Summary(ratios(rows, sc, "srv_us_per_op"))
            c_cpu += side_values(rows, "A", sc, "srv_us_per_op")
        throughput[(sc, "c")] = Summary([1.0])
        cpu[(sc, "c")] = Summary([1.0])
        c_cpu_us[sc] = Summary(c_cpu)
    width, panel_h, top, left, gap = 980, 260, 60, 70, 70
    group_w = (width - left - 20) / len(SCENARIOS)
    bar_w = (group_w - 24) / len(servers)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top + 2 * panel_h + gap + 70}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="100%" height="100%" fill="white"/>',
           f'<text x="{width / 2}" y="22" text-anchor="middle" font-size="15">{escape(title)}</text>']

    def panel(y0, data, label, reference_line, note):
        # the axis follows the medians: one wild round must not flatten every bar (its whisker is cut)
        peak = max([v.median for v in data.values() if v] + [reference_line or 0]) * 1.25 or 1
        scale = panel_h / peak
        out.append(f'<text x="14" y="{y0 + panel_h / 2}" transform="rotate(-90 14 {y0 + panel_h / 2})" '
                   f'text-anchor="middle">{escape(label)}</text>')
        for i in range(6):
            v = peak * i / 5
            y = y0 + panel_h - v * scale
            out.append(f'<line x1="{left}" x2="{width - 20}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e5e5"/>')
            out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{v:.2f}</text>')
        if reference_line:
            y = y0 + panel_h - reference_line * scale
            out.append(f'<line x1="{left}" x2="{width - 20}" y1="{y:.1f}" y2="{y:.1f}" stroke="#999" stroke-dasharray="4 3"/>')
        for g, sc in enumerate(SCENARIOS):
            x0 = left + g * group_w + 12
            for k, s in enumerate(servers):
                v = data[(sc, s)]
                if not v:
                    continue
                x = x0 + k * bar_w
                h = v.median * scale
                out.append(f'<rect x="{x:.1f}" y="{y0 + panel_h - h:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                           f'fill="{COLOURS[s]}"><title>{escape(LABELS[s])} {sc}: {v.cell()}</title></rect>')
                if len(v.values) > 1:
                    cx = x + (bar_w - 2) / 2
                    lo = y0 + panel_h - min(v.values[0], peak) * scale
                    hi = y0 + panel_h - min(v.values[-1], peak) * scale
                    out.append(f'<line x1="{cx:.1f}" x2="{cx:.1f}" y1="{lo:.1f}" y2="{hi:.1f}" stroke="black"/>')
            out.append(f'<text x="{x0 + len(servers) * bar_w / 2:.1f}" y="{y0 + panel_h + 16}" '
                       f'text-anchor="middle">{escape(note(sc))}</text>')

    panel(top, throughput, "msgs/s ÷ C's (storm: conns/s)", 1.0, lambda sc: sc)
    panel(top + panel_h + gap, cpu, "server CPU per msg ÷ C's", 1.0,
          lambda sc: f"{sc} (C: {c_cpu_us[sc].median:.1f} µs)" if c_cpu_us[sc] else sc)
    legend_y = top + 2 * panel_h + gap + 40
    x = left
    for s in servers:
        out.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{COLOURS[s]}"/>')
        out.append(f'<text x="{x + 16}" y="{legend_y}">{escape(LABELS[s])}</text>')
        x += 16 + 7 * len(LABELS[s]) + 18  # about 7 px a character at 12 px
    out.append(f'<text x="{left}" y="{legend_y + 22}" fill="#555">bars: median of rounds; whiskers: smallest and '
               f'largest round (ratios: per-round ratio to C in the same round)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("results", nargs="+", help="compare-all.sh result directories, pooled")
    parser.add_argument("--replace", nargs="+", default=[], metavar="DIR",
                        help="result directories whose pairs replace those of RESULTS_DIR (measured again later)")
    parser.add_argument("--svg")
    parser.add_argument("--markdown", action="store_true", help="every table, with ranges")
    parser.add_argument("--summary", action="store_true", help="one table: msgs/s and CPU per msg, ÷ C's")
    args = parser.parse_args()
    pairs = collect(args.results, args.replace)
    if not pairs:
        sys.exit(f"no *-vs-*.txt files in {' '.join(args.results)}")
    if args.svg:
        with open(args.svg, "w") as out:
            runs = ", ".join(os.path.basename(os.path.normpath(r)) for r in args.results)
            out.write(svg(pairs, f"Echo load, ratios to the C epoll server (runs {runs})"))
    if args.summary:
        print(summary(pairs))
    if args.markdown or not (args.svg or args.summary):
        print(markdown(pairs))


if __name__ == "__main__":
    main()
