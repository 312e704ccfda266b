#!/usr/bin/env python3
"""scripts/trace/trace2json.py: ftrace text (the kernel's tracefs `trace`)
to the Chrome trace event format, which Perfetto's UI (ui.perfetto.dev,
"Open trace file") and chrome://tracing open. Tracks: one per CPU (the
process "CPUs", a thread per CPU) and one per task (process = tgid,
thread = pid, named by metadata events). Each run of a task (from one
sched_switch onto it to the next one away) is a B/E pair on its CPU's
track and on its own; fork, exec, exit and wake-ups are instant events on
the track of the task they happened in, and each switch that wrote CR3 is
an instant on the CPU's track. The idle task (pid 0) gets no slices: a gap
on a CPU's track is idle time.

  trace2json.py build/trace/trace.txt -o build/trace/trace.json
Python 3 standard library only.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ftrace import Trace  # noqa: E402

# The CPU tracks' process and thread ids: above any pid Tasklab hands out
# (and Linux's PID_MAX_DEFAULT), so they never meet a task's.
CPUS_PID = 1000000
PHASE_ORDER = {'E': 0, 'B': 1, 'i': 2}   # at one time: leave, arrive, then marks


def cpu_tid(cpu):
    return CPUS_PID + 1 + cpu


def metadata(trace):
    """The M events naming the tracks and ordering them (CPUs first)."""
    out = [{'ph': 'M', 'name': 'process_name', 'pid': CPUS_PID, 'args': {'name': 'CPUs'}},
           {'ph': 'M', 'name': 'process_sort_index', 'pid': CPUS_PID, 'args': {'sort_index': -1}}]
    for cpu in trace.cpus:
        out.append({'ph': 'M', 'name': 'thread_name', 'pid': CPUS_PID, 'tid': cpu_tid(cpu),
                    'args': {'name': f'CPU {cpu}'}})
    for pid, t in sorted(trace.tasks.items()):
        if pid == 0:
            continue
        leader = trace.tasks.get(t.tgid, t)
        out.append({'ph': 'M', 'name': 'process_name', 'pid': t.tgid, 'args': {'name': leader.comm}})
        out.append({'ph': 'M', 'name': 'thread_name', 'pid': t.tgid, 'tid': pid,
                    'args': {'name': f'{t.comm}{" [kthread]" if t.kthread else ""}'}})
    return out


def run_events(trace, run):
    """The B/E pairs of one run, on its CPU's track and on the task's."""
    t = trace.tasks[run.pid]
    args = {'pid': run.pid, 'tgid': t.tgid, 'cpu': run.cpu, 'kthread': int(t.kthread),
            'cr3_written_on_entry': None if run.cr3 is None else int(run.cr3),
            'after_pid': run.prev, 'state_on_leaving': run.state}
    name = f'{t.comm} ({run.pid})'
    out = []
    for pid, tid, label in ((CPUS_PID, cpu_tid(run.cpu), name), (t.tgid, run.pid, f'on CPU {run.cpu}')):
        out.append({'ph': 'B', 'name': label, 'cat': 'run', 'pid': pid, 'tid': tid,
                    'ts': run.start, 'args': args})
        out.append({'ph': 'E', 'pid': pid, 'tid': tid, 'ts': run.end})
    return out


def instant_name(kind, e):
    f = e.fields
    if kind == 'fork':
        return f'fork {f.get("child_pid")}'
    if kind in ('wakeup', 'wakeup_new'):
        return f'{kind} {f.get("pid")} -> CPU {int(f.get("target_cpu", "0"))}'
    if kind == 'exec':
        return f'exec {f.get("filename")}'
    return kind


def instant_events(trace):
    """Fork, exec, exit, wake-ups on their task's track (the CPU's when the
    idle task was running), CR3 writes on the CPU's."""
    out = []
    for kind, e in trace.instants:
        pid, tid = (trace.process_of(e.pid), e.pid) if e.pid else (CPUS_PID, cpu_tid(e.cpu))
        out.append({'ph': 'i', 's': 't', 'name': instant_name(kind, e), 'cat': kind,
                    'pid': pid, 'tid': tid, 'ts': e.ts, 'args': dict(e.fields, cpu=e.cpu)})
    for e in trace.cr3_writes:
        f = e.fields
        out.append({'ph': 'i', 's': 't', 'name': 'CR3 write', 'cat': 'cr3', 'pid': CPUS_PID,
                    'tid': cpu_tid(e.cpu), 'ts': e.ts,
                    'args': {'prev_pid': int(f['prev_pid']), 'next_pid': int(f['next_pid'])}})
    return out


def chrome_trace(trace):
    """The whole trace as the format's JSON object."""
    timed = instant_events(trace)
    for run in trace.runs:
        if run.pid != 0:
            timed += run_events(trace, run)
    timed.sort(key=lambda ev: (ev['ts'], PHASE_ORDER[ev['ph']]))
    return {'traceEvents': metadata(trace) + timed,
            'otherData': {'source': 'Tasklab tracefs (ftrace text)', 'cpus': len(trace.cpus),
                          'events': len(trace.events), 'lost_events': trace.lost(),
                          'unparsed_lines': len(trace.info['skipped'])}}


def write_atomically(path, text):
    with open(path + '.tmp', 'w') as f:
        f.write(text)
    os.replace(path + '.tmp', path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('trace', help='ftrace text (tracefs trace)')
    ap.add_argument('-o', '--output', required=True)
    args = ap.parse_args()
    with open(args.trace) as f:
        trace = Trace(f.read())
    write_atomically(args.output, json.dumps(chrome_trace(trace), indent=0))
    print(f'{args.output}: {len(trace.runs)} runs on {len(trace.cpus)} CPUs, '
          f'{len(trace.tasks)} tasks, {len(trace.cr3_writes)} CR3 writes')


if __name__ == '__main__':
    main()
