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
build/bench/schedule_cost.svg (tests/svgplot.py). Then boots once more at
-smp 2 (--cmp-smp) with tasks on every CPU (--cmp-append: smpsched), runs
the user_* set only (--cmp-bench: user,threads) under the default
scheduler, and prints every user_* figure at both CPU counts side by side
with the IPIs (by kind) and TLB shootdowns one operation cost
(tests/bench_user.c counts them). Exits non-zero if the kernel does not
reach the end of a run.

With --wall (`make bench-wall`) it measures wall time instead: -smp 2 with
multi-threaded TCG and smpsched running two fork+exit+wait loops at once,
against -smp 1 running the same loops one after the other, --runs times
each; the time comes from the guest's CLOCK_MONOTONIC (bench-glibc's
`wall` mode), not from the host, and the min and median of each and their
ratio are printed.
"""
import argparse
import os
import re
import sys
import time

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
COUNTS = ('ipi_reschedule', 'ipi_call_function', 'ipi_invalidate', 'tlb_shootdowns')
PER_OP = re.compile(r'^bench: (\S+?)_(' + '|'.join(COUNTS + ('cr3_writes',)) + r') (\d+\.\d+) per ')


def bench_lines(args, append, extra, what):
    """One boot with `append`: its report lines; exits if it failed."""
    b = boot(args.kernel, append=f'{append} {args.append} {args.extra}', timeout=args.timeout,
             extra=extra, count_syscalls=False)
    lines = [l.strip() for l in b.lines if l.strip().startswith('bench: ') or ARTICLE.match(l.strip())]
    failed = [l for l in lines if l.startswith('bench: FAILED')]
    if b.timed_out or b.status != EXIT_DONE or not lines or failed:
        why = ('timed out' if b.timed_out else f'QEMU exit status {b.status}'
               if b.status != EXIT_DONE or not lines else f'{len(failed)} benchmark(s) failed')
        print('\n'.join(lines))
        print(f'bench: run failed under {what} ({why})', file=sys.stderr)
        print('\n'.join(panic_text(b.lines) or b.lines[-20:]), file=sys.stderr)
        sys.exit(1)
    return lines


def run_one(args, sched, bench=None, append=''):
    """One boot under sched=: its report lines and {name: value}."""
    lines = bench_lines(args, f'bench={bench or args.bench} sched={sched} {append}', ICOUNT,
                        f'sched={sched} {append}'.strip())
    figures = {m.group(1): int(m.group(2)) for m in map(FIGURE.match, lines) if m}
    return lines, figures


def per_op(lines):
    """{figure: {count: per-operation value}} from the *_<count> lines."""
    counts = {}
    for m in filter(None, map(PER_OP.match, lines)):
        counts.setdefault(m.group(1), {})[m.group(2)] = m.group(3)
    return counts


def with_cpus(n, fn, *a, **kw):
    """fn(*a, **kw) with every boot at QEMU -smp n."""
    saved = run.CPU
    run.CPU = [w for i, w in enumerate(saved) if w != '-smp' and (i == 0 or saved[i - 1] != '-smp')]
    if n > 1:
        run.CPU = run.CPU + ['-smp', str(n)]
    try:
        return fn(*a, **kw)
    finally:
        run.CPU = saved


def compare_cpus(args, one, one_lines):
    """Boot at --cmp-smp CPUs with --cmp-append, the --cmp-bench set, and
    print each user_* figure at both counts with its IPIs and shootdowns."""
    sched = SCHEDS[0]
    lines, many = with_cpus(args.cmp_smp, run_one, args, sched, args.cmp_bench, args.cmp_append)
    print(f'# sched={sched} smp={args.cmp_smp} {args.cmp_append}')
    print('\n'.join(lines))
    c1, cn = per_op(one_lines), per_op(lines)
    n = args.cmp_smp
    if not any(k.startswith('user_') and k in one for k in many):
        return                         # BENCH chose no user_* figure
    print(f'# user_* at -smp {args.smp} and -smp {n} ({args.cmp_append}), sched={sched}; '
          f'per operation at -smp {n}: IPIs received (reschedule, call function, TLB '
          'invalidate) and TLB shootdowns')
    print(f'# {"figure":<32} {"smp" + str(args.smp):>8} {"smp" + str(n):>8} {"ratio":>6} '
          f'{"res/op":>7} {"cal/op":>7} {"tlb/op":>7} {"shoot/op":>8}  (smp{args.smp}: res cal tlb shoot)')
    for k in sorted(k for k in many if k.startswith('user_') and k in one):
        ratio = f'{many[k] / one[k]:.2f}' if one[k] else '-'
        cols = ' '.join(f'{cn.get(k, {}).get(c, "-"):>7}' for c in COUNTS[:3])
        ones = ' '.join(c1.get(k, {}).get(c, '-') for c in COUNTS)
        print(f'# {k:<32} {one[k]:>8} {many[k]:>8} {ratio:>6} {cols} '
              f'{cn.get(k, {}).get(COUNTS[3], "-"):>8}  ({ones})')


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
                    help='more boot words after --append\'s (make bench BOOT=nosmpsched)')
    ap.add_argument('--timeout', type=float, default=300,
                    help='seconds per boot (a loaded host slows -icount runs several times)')
    ap.add_argument('--initrd', help='initramfs (the user-mode benchmarks run from it)')
    ap.add_argument('--smp', type=int, default=1,
                    help='CPUs (QEMU -smp N; under -icount they run round-robin on one host thread)')
    ap.add_argument('--sched', default=','.join(SCHEDS), help='schedulers to run under')
    ap.add_argument('--plot', default='build/bench/schedule_cost.svg')
    ap.add_argument('--cmp-smp', type=int, default=2,
                    help='CPUs of the side-by-side run (0: none)')
    ap.add_argument('--cmp-bench', help='bench= of the side-by-side run (default: --bench, '
                    'or user,threads when --bench is *)')
    ap.add_argument('--cmp-append', default='smpsched',
                    help='extra command line of the side-by-side run (smpsched: tasks on every CPU)')
    ap.add_argument('--wall', action='store_true',
                    help='wall time under multi-threaded TCG instead (make bench-wall)')
    ap.add_argument('--runs', type=int, default=5, help='--wall: boots per configuration')
    ap.add_argument('--wall-n', type=int, default=5000,
                    help='--wall: fork+exit+wait per loop (bench_wall_n=)')
    args = ap.parse_args()
    if args.wall:
        run.INITRD = args.initrd
        return wall(args)
    args.cmp_bench = args.cmp_bench or ('user,threads' if args.bench == '*' else args.bench)
    run.INITRD = args.initrd
    if args.smp > 1:
        run.CPU = run.CPU + ['-smp', str(args.smp)]
    figs, all_lines = {}, {}
    for sched in args.sched.split(','):
        lines, figs[sched] = run_one(args, sched)
        all_lines[sched] = lines
        print(f'# sched={sched}')
        print('\n'.join(lines))
    if all(s in figs for s in SCHEDS):
        compare(figs)
        write_plot(figs, args.plot)
    if args.cmp_smp and args.cmp_smp != args.smp and SCHEDS[0] in figs:
        compare_cpus(args, figs[SCHEDS[0]], all_lines[SCHEDS[0]])


WALL = re.compile(r'^bench: wall_(\S+) (\d+) us$')
BUSY = re.compile(r'^bench: wall_\w+?_(cpu\d+)_busy (\d+) ticks$')


def wall_runs(args, cpus, bench, append, mttcg):
    """--runs boots at -smp cpus: the guest-clock microseconds of each."""
    extra = ['-accel', 'tcg,thread=multi'] if mttcg else []
    times = []
    for _ in range(args.runs):
        start = time.monotonic()
        lines = with_cpus(cpus, bench_lines, args, f'bench={bench} bench_wall_n={args.wall_n} {append}',
                          extra, f'-smp {cpus} {bench}')
        host = time.monotonic() - start
        us = [int(m.group(2)) for m in map(WALL.match, lines) if m]
        if len(us) != 1:
            sys.exit(f'bench: no wall time in the -smp {cpus} run: {lines}')
        times.append(us[0])
        busy = ' '.join(f'{m.group(1)} {m.group(2)}' for m in map(BUSY.match, lines) if m)
        print(f'# -smp {cpus} {bench}: {us[0] / 1e6:.3f} s by the guest\'s clock '
              f'(the whole QEMU run, boot included: {host:.2f} s by the host\'s); busy ticks: {busy}')
    return times


def wall(args):
    """Two fork+exit+wait loops at once on -smp 2 (multi-threaded TCG,
    smpsched) against the same two one after the other on -smp 1."""
    print(f'# host load before: {" ".join(open("/proc/loadavg").read().split()[:3])}')
    two = wall_runs(args, 2, 'wall_parallel', 'smpsched', True)
    one = wall_runs(args, 1, 'wall_serial', '', True)
    print(f'# host load after: {" ".join(open("/proc/loadavg").read().split()[:3])}')
    rows = (('smp2_parallel', two), ('smp1_serial', one))
    for name, t in rows:
        s = sorted(t)
        print(f'bench: wall_{name}_min {s[0]} us')
        print(f'bench: wall_{name}_median {s[len(s) // 2]} us')
    print(f'# 2 loops x {args.wall_n} fork+exit+wait, {args.runs} runs each, guest CLOCK_MONOTONIC '
          f'(10 ms ticks): -smp 2 parallel / -smp 1 serial: min {min(two) / min(one):.2f}, '
          f'median {sorted(two)[len(two) // 2] / sorted(one)[len(one) // 2]:.2f}')


if __name__ == '__main__':
    main()
