#!/usr/bin/env python3
"""tests/bench.py: `make bench`. Boots the kernel with bench=<glob>, once
under each scheduler (sched=o1, the default, and sched=goodness),
under QEMU -icount (rdtsc then counts guest instructions, so the figures are
exact and repeat from run to run; a fixed virtual RTC keeps clock reads
deterministic too), on the CPU model make test uses (run.CPU: -cpu max), and prints the `bench: <name> <value> <unit>` lines the
kernel reports (and forkbench's lines, in the seed article's words). Slab
debug mode is off (slab_debug=off), as in production;
debug-mode figures are reported by name where a benchmark measures them.
Then compares the two (schedule_N_runnable, the user_* figures) and draws
build/bench/schedule_cost.svg (tests/svgplot.py). Exits non-zero if the
kernel does not reach the end of a run.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402
import svgplot  # noqa: E402
from run import EXIT_DONE, ICOUNT, boot, panic_text  # noqa: E402

# forkbench (claim c23) prints the seed article's own lines, not bench: lines.
ARTICLE = re.compile(r'^(Completed \d+ (forks|Thread Creates)|Avg (Fork|Thread) Time: \d+ cycles'
                     r'|Fork/Thread ratio: .*)$')


SCHEDS = ('o1', 'goodness')          # the default first (kernel/sched/core.c)
SIZES = (10, 100, 1000, 10000)
FIGURE = re.compile(r'^bench: (\S+) (\d+) (\S+)')


def run_one(args, sched):
    """One boot under sched=: its report lines and {name: value}."""
    b = boot(args.kernel, append=f'bench={args.bench} sched={sched} {args.append} {args.extra}',
             timeout=args.timeout, extra=ICOUNT, count_syscalls=False)
    lines = [l.strip() for l in b.lines if l.strip().startswith('bench: ') or ARTICLE.match(l.strip())]
    failed = [l for l in lines if l.startswith('bench: FAILED')]
    if b.timed_out or b.status != EXIT_DONE or not lines or failed:
        why = ('timed out' if b.timed_out else f'QEMU exit status {b.status}'
               if b.status != EXIT_DONE or not lines else f'{len(failed)} benchmark(s) failed')
        print('\n'.join(lines))
        print(f'bench: run failed under sched={sched} ({why})', file=sys.stderr)
        print('\n'.join(panic_text(b.lines) or b.lines[-20:]), file=sys.stderr)
        sys.exit(1)
    figures = {m.group(1): int(m.group(2)) for m in map(FIGURE.match, lines) if m}
    return lines, figures


def compare(figs):
    """The issue's goals: O(1) flat from 10 to 10,000 runnable tasks (at
    most 1.5x), no worse than goodness at 10, user_* within 10%."""
    o1, good = figs['o1'], figs['goodness']
    sched = [f'schedule_{n}_runnable' for n in SIZES]
    if all(k in o1 and k in good for k in sched):
        print('# schedule_N_runnable, cycles per switch:   ' + '  '.join(f'{n:>8}' for n in SIZES))
        for name in SCHEDS:
            print(f'#   {name:<38}' + '  '.join(f'{figs[name][k]:>8}' for k in sched))
        flat = o1[sched[-1]] / o1[sched[0]]
        print(f'# O(1) 10,000 / 10: {flat:.2f} (goal <= 1.5); at 10: O(1) {o1[sched[0]]}, '
              f'goodness {good[sched[0]]} (goal: O(1) no worse)')
    for k in sorted(k for k in o1 if k.startswith('user_') and k in good and good[k]):
        print(f'# {k}: O(1) {o1[k]}, goodness {good[k]} ({(o1[k] / good[k] - 1) * 100:+.1f}%, '
              'goal within 10%)')


def write_plot(figs, path):
    series = {}
    for name in SCHEDS:
        pts = [(n, figs[name].get(f'schedule_{n}_runnable')) for n in SIZES]
        if all(v for _, v in pts):
            series[{'o1': 'O(1) (2.6)', 'goodness': 'goodness (2.4)'}[name]] = pts
    if not series:
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        f.write(svgplot.plot(series, 'schedule(): cost per switch', 'runnable tasks (log)',
                             'cycles per switch (log)'))
    print(f'# plot: {path}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default='build/tasklab.elf')
    ap.add_argument('--bench', default='*', help='bench= glob')
    ap.add_argument('--append', default='slab_debug=off nolockdep',
                    help='extra kernel command line (the lock checker off: figures count no checking)')
    ap.add_argument('--extra', default='',
                    help='more boot words after --append\'s (make bench BOOT=smpsched)')
    ap.add_argument('--timeout', type=float, default=120)
    ap.add_argument('--initrd', help='initramfs (the user-mode benchmarks run from it)')
    ap.add_argument('--smp', type=int, default=1,
                    help='CPUs (QEMU -smp N; under -icount they run round-robin on one host thread)')
    ap.add_argument('--sched', default=','.join(SCHEDS), help='schedulers to run under')
    ap.add_argument('--plot', default='build/bench/schedule_cost.svg')
    args = ap.parse_args()
    run.INITRD = args.initrd
    if args.smp > 1:
        run.CPU = run.CPU + ['-smp', str(args.smp)]
    figs = {}
    for sched in args.sched.split(','):
        lines, figs[sched] = run_one(args, sched)
        print(f'# sched={sched}')
        print('\n'.join(lines))
    if all(s in figs for s in SCHEDS):
        compare(figs)
        write_plot(figs, args.plot)


if __name__ == '__main__':
    main()
