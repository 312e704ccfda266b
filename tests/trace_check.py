#!/usr/bin/env python3
"""tests/trace_check.py: the host half of tracing (scripts/trace/), checked.

  converter  the hand-checked fixture tests/fixtures/trace/forkbench.txt
             (forkbench's fork and thread on two CPUs, a kernel thread,
             wake-ups) parses whole, its runs say what the fixture says
             (the thread switches wrote no CR3, the fork split the slice
             2/3), and the JSON checker finds the faults planted in a copy
             of its JSON (a begin without its end, a CPU's time going
             back), as the parser refuses a trace that contradicts itself;
  make trace scripts/trace/collect.py boots Tasklab, traces `forkbench 3`
             through tracefs and writes build/trace/. The JSON must be valid,
             every begin must have its end on its track, time must not go
             back on a CPU's track, and the program's pids (its fork
             children and its threads) must be there; and what the picture
             is for, c25: its thread-to-thread switches wrote no CR3,
             switches between processes did;
  browser    build/trace/timeline.html names nothing outside itself (no
             script, style, font or image by address), and opened in
             headless chromium: opened on a fifth of the trace (#view=),
             it says so and draws the runs five times wider; from
             the DOM it rendered, each of the program's tasks has a lane
             and runs on a CPU lane, and there is one CR3 mark per switch
             that wrote CR3; a screenshot goes to build/trace/timeline.png.
Used by tests/run.py (make test); runs alone too:
  python3 tests/trace_check.py --kernel build/tasklab.elf --initrd build/initramfs.cpio
  python3 tests/trace_check.py --screenshot build/trace/timeline.html OUT.png
Python 3 standard library only.
"""
import argparse
import copy
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, '..', 'scripts', 'trace'))
import collect  # noqa: E402
from ftrace import Trace, TraceError, parse  # noqa: E402
from trace2json import CPUS_PID, chrome_trace  # noqa: E402
import timeline  # noqa: E402

FIXTURE = os.path.join(HERE, 'fixtures', 'trace', 'forkbench.txt')
PROGRAM, PROGRAM_CMD = 'forkbench', 'forkbench 3'
OUT_DIR = 'build/trace'
CHROMIUM = ['chromium', '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars',
            '--virtual-time-budget=5000']


def json_problems(doc):
    """What is wrong with a Chrome trace object: [] when every B has its E
    on the same track (properly nested), time never goes back on a
    track, and each event has the fields its phase needs."""
    problems, open_, last = [], {}, {}
    events = doc.get('traceEvents') if isinstance(doc, dict) else None
    if not isinstance(events, list) or not events:
        return ['no traceEvents list']
    for i, ev in enumerate(events):
        if ev.get('ph') == 'M':
            continue
        track = (ev.get('pid'), ev.get('tid'))
        if not isinstance(ev.get('ts'), (int, float)) or None in track:
            problems.append(f'event {i} lacks ts, pid or tid: {ev}')
            continue
        if ev['ts'] < last.get(track, ev['ts']):
            problems.append(f'event {i}: time goes back on track {track}')
        last[track] = ev['ts']
        if ev['ph'] == 'B':
            open_.setdefault(track, []).append(ev)
        elif ev['ph'] == 'E' and not open_.get(track):
            problems.append(f'event {i}: an end with no begin on track {track}')
        elif ev['ph'] == 'E':
            open_[track].pop()
    problems += [f'a begin with no end on track {t}: {s[-1]["name"]}' for t, s in open_.items() if s]
    return problems


def program_tasks(trace, program):
    """The pids whose last comm is program: (its processes, its threads)."""
    pids = [p for p, t in trace.tasks.items() if t.comm == program]
    return ({p for p in pids if trace.tasks[p].tgid == p},
            {p for p in pids if trace.tasks[p].tgid != p})


def output_problems(doc, trace, program):
    """The JSON checks of make trace's output."""
    problems = json_problems(doc)
    problems += [f'line {n} is no event: {line!r}' for n, line in trace.info['skipped'][:3]]
    procs, threads = program_tasks(trace, program)
    if len(procs) < 2 or not threads:
        problems.append(f'{program}: want its process, a fork child and a thread; '
                        f'processes {sorted(procs)}, threads {sorted(threads)}')
    on_tracks = {ev.get('tid') for ev in doc['traceEvents'] if ev.get('ph') == 'B'}
    missing = (procs | threads) - on_tracks
    if missing:
        problems.append(f'pids {sorted(missing)} of {program} have no slice in the JSON')
    cpu_tracks = {ev['tid'] for ev in doc['traceEvents']
                  if ev.get('ph') == 'B' and ev['pid'] == CPUS_PID}
    if len(cpu_tracks) != len(trace.cpus):
        problems.append(f'{len(cpu_tracks)} CPU tracks with runs for {len(trace.cpus)} CPUs')
    return problems


class DomElements(html.parser.HTMLParser):
    """The lanes, runs and marks of the rendered timeline: each element's
    tag and attributes, when its class says it is one of those."""

    def __init__(self):
        super().__init__()
        self.found, self.window, self.in_window = [], '', False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if set(a.get('class', '').split()) & {'lane', 'run', 'cr3', 'mark'}:
            self.found.append((tag, a))
        self.in_window = a.get('id') == 'window'

    def handle_data(self, data):
        if self.in_window:
            self.window += data

    def runs(self):
        """The drawn runs on the CPU lanes, in document order: (start, x, width)."""
        return [(a['data-start'], float(a['x']), float(a['width'])) for t, a in self.found
                if t == 'rect' and 'run' in a['class'].split()]


def chromium(page, extra, user_dir):
    cmd = CHROMIUM + [f'--user-data-dir={user_dir}'] + extra + ['file://' + os.path.abspath(page)]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180)


def screenshot(page, png):
    """A picture of the page as headless chromium draws it; the PNG's size."""
    with tempfile.TemporaryDirectory() as profile:
        chromium(page, ['--window-size=1400,900', f'--screenshot={os.path.abspath(png)}'], profile)
    with open(png, 'rb') as f:
        head = f.read(8)
    return os.path.getsize(png) if head == b'\x89PNG\r\n\x1a\n' else 0


def rendered(page, hash_=''):
    """The page's DOM as chromium rendered it (DomElements), and chromium's run."""
    with tempfile.TemporaryDirectory() as profile:
        run = chromium(page + hash_, ['--dump-dom'], profile)
    dom = DomElements()
    dom.feed(run.stdout)
    return dom, run


def zoom_problems(page, trace, whole):
    """Open the page on the first fifth of the trace (#view=): the window
    it says it shows, and its runs drawn wider than in the whole view."""
    to_ms = (trace.end - trace.start) / 5000
    dom, _ = rendered(page, f'#view=0,{to_ms}')
    want = f'showing 0.000 ms .. {to_ms:.3f} ms'
    wider = [z[2] > w[2] * 4 for w, z in zip(whole.runs(), dom.runs()) if w[2] > 1]
    if want not in dom.window or not wider or not all(wider):
        return [f'#view=0,{to_ms}: window "{dom.window.strip()}" (want "{want}"), '
                f'runs 5x wider: {sum(wider)} of {len(wider)}']
    return []


def dom_problems(page, trace, program):
    """Open the page in chromium; what the rendered DOM lacks."""
    dom, run = rendered(page)
    lanes = {int(a['data-pid']) for t, a in dom.found if 'task' in a['class'].split()}
    cpu_lanes = {int(a['data-cpu']) for t, a in dom.found if 'cpu' in a['class'].split()}
    cpu_runs = {int(a['data-pid']) for t, a in dom.found if t == 'rect' and 'run' in a['class']}
    cr3 = [a for t, a in dom.found if 'cr3' in a.get('class', '').split() and a.get('data-cr3') == '1']
    procs, threads = program_tasks(trace, program)
    problems = []
    if not dom.found:
        problems.append(f'no lanes in the rendered DOM (chromium exit {run.returncode}): '
                        f'{run.stderr[-600:]}')
    mine = procs | threads
    if not mine or mine - lanes or mine - cpu_runs:
        problems.append(f'{program} pids {sorted(mine)}: lanes for {sorted(lanes)}, '
                        f'runs drawn for {sorted(cpu_runs)}')
    if cpu_lanes != set(trace.cpus):
        problems.append(f'CPU lanes {sorted(cpu_lanes)} for CPUs {trace.cpus}')
    if not cr3 or len(cr3) != len(trace.cr3_writes):
        problems.append(f'{len(cr3)} CR3 marks drawn for {len(trace.cr3_writes)} CR3 writes')
    return problems + zoom_problems(page, trace, dom), len(lanes), len(cr3)


def external_references(page):
    """What in the page would reach outside it (a script, style, font or
    image by address); the SVG namespace name is no fetch."""
    with open(page) as f:
        text = f.read().replace('http://www.w3.org/2000/svg', '')
    return re.findall(r'<link\b|\b(?:src|href)\s*=|@import|url\(\s*[\'"]?[a-z]+:|https?://', text)


def fixture_checks(tally):
    """The converter on the fixture, and the checker against planted faults."""
    with open(FIXTURE) as f:
        text = f.read()
    events, info = parse(text)
    trace = Trace(text)
    runs = {(r.prev, r.pid): r.cr3 for r in trace.runs}
    fork = next(e for k, e in trace.instants if k == 'fork' and e.fields['child_pid'] == '32')
    counts = timeline.switch_counts(trace)
    facts = [
        ('every line parsed', not info['skipped'] and len(events) == info['entries'] == 44),
        ('idle lines have no tgid', all(e.tgid is None for e in events if e.pid == 0)),
        ('thread switches 31->33, 33->31 wrote no CR3 (c25)', runs[(31, 33)] is False and runs[(33, 31)] is False),
        ('kttyd after forkbench: no CR3 (c17)', runs[(31, 5)] is False and trace.tasks[5].kthread),
        ('fork 31->32 split 2/3 (c28)', (fork.fields['parent_slice'], fork.fields['child_slice']) == ('2', '3')),
        ('switch counts', counts == {'thread': {'switches': 2, 'cr3_writes': 0},
                                     'to_kthread': {'switches': 6, 'cr3_writes': 0},
                                     'process': {'switches': 4, 'cr3_writes': 4}}),
        ('exec renamed pid 31', trace.tasks[31].comm == 'forkbench' and trace.tasks[33].tgid == 31),
    ]
    for what, ok in facts:
        (tally.ok if ok else tally.fail)(f'trace:fixture {what}', '' if ok else f'{what}: not so')
    doc = chrome_trace(trace)
    planted = {'clean': doc, 'B without E': copy.deepcopy(doc), 'time back': copy.deepcopy(doc)}
    ends = [i for i, ev in enumerate(planted['B without E']['traceEvents']) if ev['ph'] == 'E']
    del planted['B without E']['traceEvents'][ends[3]]
    timed = [ev for ev in planted['time back']['traceEvents'] if ev['ph'] == 'B']
    timed[-1]['ts'] = trace.start - 1
    found = {k: json_problems(v) for k, v in planted.items()}
    ok = not found['clean'] and found['B without E'] and found['time back']
    (tally.ok if ok else tally.fail)('trace:json_checker_catches_planted_faults',
                                     '' if ok else str(found))
    bad = [text.replace('10.002060: sched_switch', '10.001000: sched_switch'),
           text.replace('prev_comm=kttyd prev_pid=5', 'prev_comm=kttyd prev_pid=6')]
    refused = sum(1 for t in bad if raises(Trace, t, TraceError))
    (tally.ok if refused == 2 else tally.fail)('trace:parser_refuses_contradictions',
                                               '' if refused == 2 else f'{refused} of 2 refused')


def raises(fn, arg, exc):
    try:
        fn(arg)
    except exc:
        return True
    return False


def make_trace(args, tally):
    """make trace's steps on a small program; the Trace, or None (the
    failure counted)."""
    title = f'Tasklab: {PROGRAM_CMD}'
    try:
        text, _ = collect.collect(args.kernel, args.initrd, PROGRAM_CMD, 'sched')
        trace = collect.write_outputs(OUT_DIR, text, title)
    except collect.CollectError as e:
        tally.fail('trace:make_trace_collects', str(e))
        return None
    except ValueError as e:
        tally.fail('trace:make_trace_collects', f'the trace of `{PROGRAM_CMD}` does not parse: {e}')
        return None
    tally.ok('trace:make_trace_collects', f'  [{title}: {len(trace.events)} events, '
                                          f'{trace.lost()} lost, {len(trace.info["skipped"])} unparsed lines]')
    return trace


def run_trace_checks(args, tally):
    """All of the file's checks; results go to tally (tests/run.py's Tally)."""
    fixture_checks(tally)
    trace = make_trace(args, tally)
    if not trace:
        return
    with open(os.path.join(OUT_DIR, 'trace.json')) as f:
        try:
            doc = json.load(f)
        except ValueError as e:
            doc, problems = None, [f'not JSON: {e}']
    problems = output_problems(doc, trace, PROGRAM) if doc else problems
    procs, threads = program_tasks(trace, PROGRAM)
    (tally.ok if not problems else tally.fail)(
        'trace:json_valid_begins_end_time_forward_pids',
        f'  [{len(doc["traceEvents"]) if doc else 0} events; {PROGRAM} processes '
        f'{sorted(procs)}, threads {sorted(threads)}]' if not problems else '; '.join(problems))
    page = os.path.join(OUT_DIR, 'timeline.html')
    outside = external_references(page)
    (tally.ok if not outside else tally.fail)('trace:timeline_self_contained',
                                              '' if not outside else f'refers outside: {outside}')
    c = timeline.switch_counts(trace)
    shown = c['thread']['switches'] > 0 and c['thread']['cr3_writes'] == 0 and c['process']['cr3_writes'] > 0
    (tally.ok if shown else tally.fail)(
        'trace:thread_switches_write_no_cr3_process_switches_do',
        f'  [c25: {c["thread"]["switches"]} thread-to-thread switches, none wrote CR3; '
        f'{c["process"]["cr3_writes"]} of {c["process"]["switches"]} process switches did]'
        if shown else f'switch counts {c}')
    if not shutil.which('chromium'):
        tally.fail('trace:timeline_in_chromium', 'chromium is not installed (Debian package chromium)')
        return
    problems, lanes, marks = dom_problems(page, trace, PROGRAM)
    (tally.ok if not problems else tally.fail)(
        'trace:timeline_in_chromium_lanes_and_cr3_marks',
        f'  [{lanes} task lanes, {marks} CR3 marks]' if not problems else '; '.join(problems))
    png = os.path.join(OUT_DIR, 'timeline.png')
    size = screenshot(page, png)
    (tally.ok if size else tally.fail)('trace:timeline_screenshot',
                                       f'  [{png}, {size} bytes]' if size else 'no PNG written')


def main():
    sys.path.insert(0, HERE)
    from run import run_alone
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default='build/tasklab.elf')
    ap.add_argument('--initrd', default='build/initramfs.cpio')
    ap.add_argument('--screenshot', nargs=2, metavar=('PAGE', 'PNG'),
                    help='only save a screenshot of PAGE as PNG')
    args = ap.parse_args()
    if args.screenshot:
        sys.exit(0 if screenshot(*args.screenshot) else 1)
    run_alone(run_trace_checks, args)


if __name__ == '__main__':
    main()
