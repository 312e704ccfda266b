#!/usr/bin/env python3
"""scripts/trace/collect.py: `make trace CMD='...'`. Boots Tasklab in QEMU
with the BusyBox userland (tests/console.py's Console: the serial console
on a pipe, typed at as a person would), mounts tracefs, enables the event
groups asked for, turns tracing on, runs CMD, turns tracing off and reads
`trace` back over the console between two marker lines; then powers off
and writes, in the output folder:
  trace.txt      the trace as the kernel printed it (ftrace's text format);
  trace.json     the Chrome trace event format (trace2json.py);
  timeline.html  the self-contained timeline page (timeline.py).
Tracing is turned on and off on the same command line as CMD, so the keys
typed before and after are not in the trace (with --typed it is turned on
before CMD's line is typed: its keys' way in is traced too). The console's kernel
messages are turned down (dmesg -n 1) so none lands inside the trace text.
Exits non-zero, saying why, when a step fails (no prompt, no tracefs, an
empty trace). Python 3 standard library only.
"""
import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, '..', '..', 'tests'))
import console  # noqa: E402  (tests/console.py: the QEMU console driver)
from ftrace import Trace  # noqa: E402
from trace2json import chrome_trace, write_atomically  # noqa: E402
import timeline  # noqa: E402

TRACEFS = '/sys/kernel/tracing'
BEGIN, END = 'TRACE-BEGIN', 'TRACE-END'
# Typed with '' inside, so the echo of the typed line never matches.
READ_OUT = f"echo TRACE-''BEGIN; cat {TRACEFS}/trace; echo TRACE-''END"
BETWEEN = re.compile(rf'^{BEGIN}\n(.*?)^{END}$', re.S | re.M)
CMD_TIMEOUT = 300           # seconds for CMD, and for the trace to come out


class CollectError(Exception):
    pass


def step(con, line, timeout=console.COMMAND_TIMEOUT):
    """Type one command line and wait for the prompt; what it printed."""
    mark = len(con.text())
    con.type(line + '\n')
    prompt = con.wait_for(console.PROMPT, mark + len(line), timeout)
    if not prompt:
        raise CollectError(f'no prompt after `{line}`:\n{con.text()[-1500:]}')
    return console.command_output(con, mark, prompt, line)


def setup_lines(events):
    """The commands that mount tracefs and enable the event groups."""
    lines = ['dmesg -n 1', f'mkdir -p {TRACEFS}',
             f'mount -t tracefs nodev {TRACEFS} && echo mounted-tracefs',
             f'echo 0 > {TRACEFS}/tracing_on']
    for group in events.split(','):
        lines.append(f'echo 1 > {TRACEFS}/events/{group.strip()}/enable && echo enabled-{group.strip()}')
    return lines


def collect(kernel, initrd, cmd, events, append='', typed=False):
    """Boot, trace cmd, power off: (the trace text, what cmd printed).
    typed: tracing is on while the command line is typed too, so the trace
    shows each key's way in (the UART's interrupt, the kernel thread kttyd
    handing it to the line discipline, the shell's echo)."""
    con = console.Console(kernel, initrd, append=append)
    try:
        if not con.wait_for(console.PROMPT, 0, console.BOOT_TIMEOUT):
            raise CollectError(f'no BusyBox prompt:\n{con.text()[-1500:]}')
        for line in setup_lines(events):
            out = step(con, line)
            want = re.search(r'echo (\S+)$', line)
            if want and want[1] not in out.split('\n'):
                raise CollectError(f'`{line}` failed:\n{out}')
        on = f'echo 1 > {TRACEFS}/tracing_on'
        if typed:
            step(con, on)
        printed = step(con, f'{"" if typed else on + "; "}{cmd}; echo 0 > {TRACEFS}/tracing_on',
                       CMD_TIMEOUT)
        out = step(con, READ_OUT, CMD_TIMEOUT)
        m = BETWEEN.search(out)
        if not m:
            raise CollectError(f'no {BEGIN}..{END} in the output:\n{out[-1500:]}')
        console.power_off(con)
    finally:
        con.close()
    return m[1], printed


def write_outputs(out_dir, text, title):
    """trace.txt, trace.json and timeline.html in out_dir; the Trace."""
    os.makedirs(out_dir, exist_ok=True)
    trace = Trace(text)
    write_atomically(os.path.join(out_dir, 'trace.txt'), text)
    write_atomically(os.path.join(out_dir, 'trace.json'), json.dumps(chrome_trace(trace), indent=0))
    write_atomically(os.path.join(out_dir, 'timeline.html'), timeline.render(trace, title))
    return trace


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default='build/tasklab.elf')
    ap.add_argument('--initrd', default='build/initramfs.cpio')
    ap.add_argument('--cmd', default='forkbench 10')
    ap.add_argument('--events', default='sched', help='event groups, comma-separated')
    ap.add_argument('--append', default='', help='extra kernel command line')
    ap.add_argument('--out', default='build/trace')
    ap.add_argument('--typed', action='store_true',
                    help='trace the typing of the command line too (the console input path)')
    args = ap.parse_args()
    try:
        text, printed = collect(args.kernel, args.initrd, args.cmd, args.events, args.append,
                                args.typed)
        trace = write_outputs(args.out, text, f'Tasklab: {args.cmd}')
    except (CollectError, ValueError, KeyError) as e:
        print(f'make trace: {e}', file=sys.stderr)
        sys.exit(1)
    print(printed.rstrip())
    print(f'make trace: {len(trace.events)} events ({trace.lost()} lost), {len(trace.runs)} runs '
          f'on {len(trace.cpus)} CPU(s), {len(trace.cr3_writes)} CR3 writes; wrote '
          f'{args.out}/trace.txt, trace.json, timeline.html')
    if not trace.events:
        print('make trace: the trace is empty', file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
