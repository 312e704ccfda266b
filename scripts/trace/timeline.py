#!/usr/bin/env python3
"""scripts/trace/timeline.py: ftrace text to build/trace/timeline.html, one
self-contained page (the data, the script and the style inline: it opens
offline, from a file) that draws the trace: a lane per CPU with each run
of a task coloured by its process (the threads of one process share a
hue, kernel threads grey), a mark on every switch that wrote CR3, a lane
per task below with its fork, exec, exit and wake-up marks, zoom, hover
details and a legend for the seed claims c25, c17 and c28. The page's
script and style are scripts/trace/timeline.html; this file fills in the
data (the runs from ftrace.py's Trace).

  timeline.py build/trace/trace.txt -o build/trace/timeline.html [--title T]
Python 3 standard library only.
"""
import argparse
import html
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ftrace import Trace  # noqa: E402
from trace2json import write_atomically  # noqa: E402

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'timeline.html')
GOLDEN_ANGLE = 137.508      # degrees: successive processes' hues stay far apart


def hues(trace):
    """A hue per user process (tgid), in the order the processes appear."""
    out = {}
    for run in trace.runs:
        t = trace.tasks[run.pid]
        if not t.kthread and t.tgid not in out:
            out[t.tgid] = round(len(out) * GOLDEN_ANGLE % 360)
    return out


def switch_counts(trace):
    """What the seed claims c25 and c17 predict, counted from the switches:
    between threads of one process, onto a kernel thread, between
    processes; and how many of each wrote CR3."""
    kinds = {'thread': [0, 0], 'to_kthread': [0, 0], 'process': [0, 0]}
    for run in trace.runs:
        if run.cr3 is None or run.prev is None:
            continue
        nxt, prev = trace.tasks[run.pid], trace.tasks[run.prev]
        if nxt.kthread:
            kind = 'to_kthread'
        elif prev.kthread:
            continue        # back from a kernel thread: depends on what ran before it
        else:
            kind = 'thread' if nxt.tgid == prev.tgid else 'process'
        kinds[kind][0] += 1
        kinds[kind][1] += int(run.cr3)
    return {k: {'switches': n, 'cr3_writes': w} for k, (n, w) in kinds.items()}


def page_data(trace, title):
    """The JSON the page's script draws from."""
    colour = hues(trace)
    tasks = [{'pid': t.pid, 'tgid': t.tgid, 'comm': t.comm, 'kthread': int(t.kthread),
              'hue': None if t.kthread else colour.get(t.tgid, 0)}
             for pid, t in sorted(trace.tasks.items()) if pid != 0]
    runs = [[r.cpu, r.pid, r.start, r.end, -1 if r.cr3 is None else int(r.cr3), r.prev, r.state]
            for r in trace.runs if r.pid != 0]
    marks = [{'kind': kind, 'ts': e.ts, 'cpu': e.cpu, 'pid': e.pid, 'fields': e.fields}
             for kind, e in trace.instants]
    cr3 = [[e.ts, e.cpu, int(e.fields['prev_pid']), int(e.fields['next_pid'])]
           for e in trace.cr3_writes]
    return {'title': title, 'cpus': trace.cpus, 'start': trace.start, 'end': trace.end,
            'tasks': tasks, 'runs': runs, 'marks': marks, 'cr3': cr3,
            'events': len(trace.events), 'lost': trace.lost(),
            'counts': switch_counts(trace)}


def render(trace, title):
    """The page's text."""
    with open(TEMPLATE) as f:
        page = f.read()
    data = json.dumps(page_data(trace, title), separators=(',', ':')).replace('</', '<\\/')
    return page.replace('@TITLE@', html.escape(title)).replace('@DATA@', data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('trace', help='ftrace text (tracefs trace)')
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--title', default='Tasklab trace')
    args = ap.parse_args()
    with open(args.trace) as f:
        trace = Trace(f.read())
    write_atomically(args.output, render(trace, args.title))
    print(f'{args.output}: {len(trace.tasks) - (0 in trace.tasks)} task lanes, '
          f'{len(trace.cpus)} CPU lanes')


if __name__ == '__main__':
    main()
