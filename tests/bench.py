#!/usr/bin/env python3
"""tests/bench.py: `make bench`. Boots the kernel once with bench=<glob>
under QEMU -icount (rdtsc then counts guest instructions, so the figures are
exact and repeat from run to run; a fixed virtual RTC keeps clock reads
deterministic too), on the CPU model make test uses (run.CPU: -cpu max), and prints the `bench: <name> <value> <unit>` lines the
kernel reports (and forkbench's lines, in the seed article's words). Slab
debug mode is off (slab_debug=off), as in production;
debug-mode figures are reported by name where a benchmark measures them.
Exits non-zero if the kernel does not reach the end of the run.
"""
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run  # noqa: E402
from run import EXIT_DONE, ICOUNT, boot, panic_text  # noqa: E402

# forkbench (claim c23) prints the seed article's own lines, not bench: lines.
ARTICLE = re.compile(r'^(Completed \d+ (forks|Thread Creates)|Avg (Fork|Thread) Time: \d+ cycles'
                     r'|Fork/Thread ratio: .*)$')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default='build/tasklab.elf')
    ap.add_argument('--bench', default='*', help='bench= glob')
    ap.add_argument('--append', default='slab_debug=off nolockdep',
                    help='extra kernel command line (the lock checker off: figures count no checking)')
    ap.add_argument('--timeout', type=float, default=120)
    ap.add_argument('--initrd', help='initramfs (the user-mode benchmarks run from it)')
    ap.add_argument('--smp', type=int, default=1,
                    help='CPUs (QEMU -smp N; under -icount they run round-robin on one host thread)')
    args = ap.parse_args()
    run.INITRD = args.initrd
    if args.smp > 1:
        run.CPU = run.CPU + ['-smp', str(args.smp)]
    b = boot(args.kernel, append=f'bench={args.bench} {args.append}',
             timeout=args.timeout, extra=ICOUNT, count_syscalls=False)
    lines = [l.strip() for l in b.lines if l.strip().startswith('bench: ') or ARTICLE.match(l.strip())]
    print('\n'.join(lines))
    failed = [l for l in lines if l.startswith('bench: FAILED')]
    if b.timed_out or b.status != EXIT_DONE or not lines or failed:
        why = ('timed out' if b.timed_out else f'QEMU exit status {b.status}'
               if b.status != EXIT_DONE or not lines else f'{len(failed)} benchmark(s) failed')
        print(f'bench: run failed ({why})', file=sys.stderr)
        print('\n'.join(panic_text(b.lines) or b.lines[-20:]), file=sys.stderr)
        sys.exit(1)


if __name__ == '__main__':
    main()
