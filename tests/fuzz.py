#!/usr/bin/env python3
"""tests/fuzz.py: the host side of `make fuzz` (user/bin/fuzz.c in the guest).

Boots Tasklab with /bin/fuzz as PID 1 (init=/bin/fuzz; its own parameters
after `--`, which the kernel hands to init as argv), watches the serial
console and judges the run. It fails when the kernel panics or oopses,
prints a WARNING, resets the machine, hangs (no progress line with more
calls for --hang seconds), when the fuzzer's final line is missing or says
FAIL (a scenario's check found a kernel bug, or the free pages or the slab
objects in use differ from the baseline taken after the warm-up round),
or when the guest did not run the parameters asked for. It ends with

    fuzz: N calls, M deaths by signal, pages X/X slab Y/Y

(baseline/after) and exits non-zero on failure. --selftest proves the
judge instead: a kernel booted with fuzz_selftest=leak, =panic and =hang
(tests/fuzz_selftest.c) must each be reported as a failed run.
Python 3 standard library only.
"""
import argparse
import os
import re
import select
import subprocess
import sys
import time

QEMU = os.environ.get('QEMU', 'qemu-system-i386')
EXIT_DONE = 33           # the kernel powered off (isa-debug-exit)
BANNER = re.compile(r'Tasklab \S+ \(i386\) booting')
CONFIG = re.compile(r'fuzz: seed (\d+), (\d+) workers, (\d+) s after')
PROGRESS = re.compile(r'fuzz: (?:progress|warm-up) (\d+) s: (\d+) calls, (\d+) deaths by signal')
RESULT = re.compile(r'fuzz: result: (PASS|FAIL): (\d+) calls, (\d+) deaths by signal, '
                    r'(\d+) watchdog kills, (\d+) bugs, pages (-?\d+)/(-?\d+) slab (-?\d+)/(-?\d+)')
KERNEL_TROUBLE = re.compile(r'Kernel panic - not syncing|\bOops: |WARNING: |BUG: ')
WARMUP = 3
# The task limit of a fuzz boot: small enough that a root fork storm meets
# EAGAIN (threads-max) before memory runs out.
THREADS_MAX = 400


class FuzzRun:
    """What one boot showed: its lines, the verdict and the figures."""

    def __init__(self):
        self.lines = []
        self.problems = []
        self.result = None           # the RESULT match
        self.config = None
        self.status = None
        self.seconds = 0.0

    @property
    def ok(self):
        return not self.problems

    def summary(self):
        if not self.result:
            return 'fuzz: no result line'
        r = self.result
        return (f'fuzz: {r.group(2)} calls, {r.group(3)} deaths by signal, '
                f'pages {r.group(6)}/{r.group(7)} slab {r.group(8)}/{r.group(9)}')


def qemu_cmd(kernel, initrd, append, mem, smp=1, mttcg=False):
    cmd = [QEMU, '-m', mem, '-cpu', 'max', '-display', 'none', '-serial', 'stdio',
           '-no-reboot', '-monitor', 'none', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
           '-kernel', kernel, '-initrd', initrd, '-append', append]
    if smp > 1:
        cmd += ['-smp', str(smp)]
    if mttcg:
        cmd += ['-accel', 'tcg,thread=multi']     # one host thread per vCPU: races show
    return cmd


def watch(run, proc, seconds, hang, echo):
    """Read the console until QEMU exits, the run hangs or its time is up.
    A hang is `hang` seconds without a progress line whose call count grew
    (before the fuzzer's first line: without any output)."""
    fd = proc.stdout.fileno()
    buf, calls, last_move = b'', -1, time.monotonic()
    deadline = time.monotonic() + WARMUP + seconds + 240
    while True:
        now = time.monotonic()
        if now - last_move > hang:
            run.problems.append(f'hang: no progress for {hang} s (last calls count {calls})')
            return
        if now > deadline:
            run.problems.append('the run did not end in time')
            return
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        buf += chunk
        *done, buf = buf.split(b'\n')
        for raw in done:
            line = raw.decode('utf-8', 'replace').replace('\r', '')
            run.lines.append(line)
            if echo:
                print(line, flush=True)
            m = PROGRESS.search(line)
            if m and int(m.group(2)) > calls:
                calls, last_move = int(m.group(2)), time.monotonic()
            elif CONFIG.search(line) or (calls < 0 and line):
                last_move = time.monotonic()
            if RESULT.search(line):
                return


def finish(run, proc, echo):
    """After the result line: the fuzzer powers the machine off (QEMU exits
    with the kernel's status) or, without reboot(2), says "end of run" and
    waits to be stopped. 20 s at most."""
    fd, buf, end = proc.stdout.fileno(), b'', time.monotonic() + 20
    while time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.5)
        chunk = os.read(fd, 65536) if ready else b''
        if ready and not chunk:
            break
        buf += chunk
        if b'fuzz: end of run' in buf:
            break
    for line in buf.decode('utf-8', 'replace').replace('\r', '').split('\n'):
        run.lines.append(line)
        if echo:
            print(line)


def judge(run, seconds, seed, workers):
    lines = run.lines
    for i, line in enumerate(lines):
        if KERNEL_TROUBLE.search(line) and not line.startswith('fuzz: BUG: '):
            run.problems.append('kernel: ' + '\n        '.join(lines[i:i + 30]))
            break
    if sum(1 for l in lines if BANNER.search(l)) > 1:
        run.problems.append('the machine reset (a second boot banner)')
    run.problems += ['fuzz found a kernel bug: ' + l for l in lines if l.startswith('fuzz: BUG: ')]
    run.problems += [l[len('fuzz: '):] for l in lines if 'supervisor ended with wait status' in l]
    config = next((CONFIG.search(l) for l in lines if CONFIG.search(l)), None)
    if config is None:
        run.problems.append('the fuzzer never started (no "fuzz: seed" line)')
    elif (int(config.group(1)), int(config.group(2)), int(config.group(3))) != (seed, workers, seconds):
        run.problems.append(f'the guest ran seed {config.group(1)}, {config.group(2)} workers, '
                            f'{config.group(3)} s, not the {seed}, {workers}, {seconds} asked for: '
                            'the kernel did not pass the words after -- to init')
    run.result = next((RESULT.search(l) for l in lines if RESULT.search(l)), None)
    if run.result is None:
        if not run.problems:
            run.problems.append('no result line')
        return
    r = run.result
    if r.group(1) != 'PASS':
        why = []
        if int(r.group(5)):
            why.append(f'{r.group(5)} bugs')
        if r.group(6) != r.group(7) or r.group(8) != r.group(9):
            why.append(f'leak: free pages {r.group(6)} -> {r.group(7)}, '
                       f'slab objects {r.group(8)} -> {r.group(9)}')
        if int(r.group(6)) < 0 or int(r.group(8)) < 0:
            why.append('the guest cannot read its free pages (sysinfo) or slab objects '
                       '(/proc/slabinfo)')
        run.problems.append('the fuzzer says FAIL: ' + ('; '.join(why) or r.group(0)))


def run_fuzz(kernel, initrd, seconds, seed, workers, mem='256M', hang=30, extra='',
             echo=False, warmup=WARMUP, smp=1, mttcg=False):
    """Boot one fuzz run and judge it; returns a FuzzRun. extra: more
    kernel words (smpsched); smp, mttcg: QEMU's CPUs and threading."""
    append = (f'init=/bin/fuzz loglevel=5 threads_max={THREADS_MAX} {extra} -- '
              f'seconds={seconds} seed={seed} workers={workers} warmup={warmup}')
    run = FuzzRun()
    start = time.monotonic()
    proc = subprocess.Popen(qemu_cmd(kernel, initrd, append, mem, smp, mttcg), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        watch(run, proc, seconds, hang, echo)
        if not run.problems:
            finish(run, proc, echo)
        if proc.poll() is None:
            proc.kill()
        run.status = proc.wait()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
    run.seconds = time.monotonic() - start
    judge(run, seconds, seed, workers)
    return run


# The harness's own checks: each kernel misbehaviour must fail the run.
SELFTESTS = [
    ('fuzz_reports_leak', 'leak', lambda run: any(p.startswith('the fuzzer says FAIL: leak')
                                                  for p in run.problems)),
    ('fuzz_reports_panic', 'panic', lambda run: any('fuzz_selftest: a panic' in p
                                                    for p in run.problems)),
    ('fuzz_reports_hang', 'hang', lambda run: any(p.startswith('hang:') for p in run.problems)),
]


def run_selftests(kernel, initrd, report):
    """Boot each fuzz_selftest mode for a short run; report(name, ok, why)."""
    for name, mode, failed_right in SELFTESTS:
        run = run_fuzz(kernel, initrd, seconds=10, seed=7, workers=2, hang=8,
                       extra=f'fuzz_selftest={mode}', warmup=1)
        ok = failed_right(run)
        report(name, ok, f'fuzz_selftest={mode} was reported: {run.problems[0].splitlines()[0]}'
               if ok else f'fuzz_selftest={mode} was not reported as a failure: {run.problems}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default='build/tasklab.elf')
    ap.add_argument('--initrd', default='build/initramfs.cpio')
    ap.add_argument('--seconds', type=int, default=60)
    ap.add_argument('--seed', type=int, default=None, help='default: a random one, printed')
    ap.add_argument('--workers', type=int, default=4)
    ap.add_argument('--mem', default='256M')
    ap.add_argument('--hang', type=int, default=30, help='seconds without progress that fail')
    ap.add_argument('--smp', type=int, default=1, help='CPUs (QEMU -smp N)')
    ap.add_argument('--mttcg', action='store_true', help='multi-threaded TCG (-accel tcg,thread=multi)')
    ap.add_argument('--append', default='', help='more kernel words (e.g. smpsched)')
    ap.add_argument('--selftest', action='store_true', help='prove the judge (three boots)')
    ap.add_argument('-v', '--verbose', action='store_true', help='print the console')
    args = ap.parse_args()
    if args.selftest:
        failed = []

        def report(name, ok, why):
            print(f'{"ok  " if ok else "FAIL"}    {name}  [{why}]')
            if not ok:
                failed.append(name)
        run_selftests(args.kernel, args.initrd, report)
        sys.exit(1 if failed else 0)
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), 'little')
    knobs = (f' SMP={args.smp}' if args.smp > 1 else '') + (' MTTCG=1' if args.mttcg else '') + \
        (f" APPEND='{args.append}'" if args.append else '')
    print(f'fuzz: booting: seed {seed}, {args.workers} workers, {args.seconds} s '
          f'(replay: make fuzz SEED={seed} WORKERS={args.workers} SECONDS={args.seconds}{knobs})')
    run = run_fuzz(args.kernel, args.initrd, args.seconds, seed, args.workers, args.mem,
                   args.hang, extra=args.append, echo=args.verbose, smp=args.smp, mttcg=args.mttcg)
    if not args.verbose:
        for line in run.lines:
            if line.startswith('fuzz: '):
                print(line)
    for p in run.problems:
        print('FAIL    ' + p)
    print(run.summary())
    sys.exit(0 if run.ok else 1)


if __name__ == '__main__':
    main()
