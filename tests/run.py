#!/usr/bin/env python3
"""tests/run.py: the host side of Tasklab's self-tests.

Boots the kernel in QEMU (headless, serial on stdio, isa-debug-exit), enforces a
timeout from outside, parses the KTAP the kernel prints, and ends with the line
`N passed, N failed` (`, N skipped` when some were skipped). It exits non-zero
when any test failed, the kernel panicked (it names the test that was running
and prints the panic), the machine reset (a second boot banner: a triple
fault), the KTAP plan and results disagree, the end-of-run line is missing,
a boot timed out, or a case was skipped on Tasklab (skips are allowed only
in the Linux-ABI cross-check, 5. below). A crash or a case that did not run
is never counted as a pass.

One `make test` is:
  1. the main boot with test=* (every suite);
  1b. the EXTRA_BOOTS: manual cases needing other QEMU settings (the c22
     scale test with -m 512M; the OOM killer's cases with -m 96M; the glibc
     pthread programs and the c23 claim under -icount: GLIBC_ON_TASKLAB);
  1c. (--user-dir) the core-file check: a boot whose second serial port
     (COM2) is a file on the host runs /bin/crash-threads, whose worker
     thread faults; the kernel sends its core file out over COM2, the
     file is rebuilt as build/crash-threads.core and the host's gdb, with
     the unstripped program, must show crash_here in the backtrace and
     both threads (`make core PROG=NAME` does the same for any program);
  2. one boot per should-panic case the main boot listed, each of which must
     panic with the expected text and a symbolized backtrace naming the case;
  2b. one boot without test= (as `make run`): the monitor's t key lists tasks;
      with the initramfs, PID 1 execs Tasklab's init (init=/sbin/tasklab-init),
      which answers at its prompt, and in another boot ^Z, fg and ^C reach
      the command it runs; and BusyBox is driven at the console
      (tests/console.py: three boots); and make trace's tools
      (tests/trace_check.py: the converter on a fixture, then make trace
      on forkbench, its JSON checked, its timeline.html opened in
      headless chromium);
  3. (--iso) one boot through the GRUB ISO: banner, memory map, KTAP;
  4. (--gdb-check) gdb stops at start_kernel with symbols and `bt` works
     (into boot/higher_half.asm, with no warning about broken debug info),
     the task helpers (tl-ps, $tl_current()) read the task list, PID 2 is
     [kthreadd] from its creation, and PID 1's comm after its exec is
     "init" zero-padded;
  5. (--user-dir) the user test programs (build/user/bin/utest_*) run under
     qemu-i386, QEMU's emulation of Linux's own system call ABI: their KTAP
     counts like the kernel's, and proves the user libc and the tests
     themselves against real Linux before Tasklab runs the same binaries
     (with KTAP_PLATFORM=linux-abi: here, and only here, a case may SKIP);
     the glibc programs (build/user/glibc/*) must exit 0 there too, and
     our ps must match the host's procps;
  5b. (--fuzz-seconds) the system-call fuzzer (tests/fuzz.py) for that
     long with a fixed seed: no panic, hang, leak or failed check;
  6. harness self-checks: a broken EXPECT, a panic, a hang, a leak and a
     skip on Tasklab must each be reported as failures (so the runner itself
     is tested), and a user program that takes itself to be on Tasklab while
     uname disagrees must bail out; and each hardening should-panic case,
     booted with its protection switched off (rodata=off, nosmap, nosmep),
     must fail for want of a panic (so each case proves its protection, not
     just any oops); with --fuzz-seconds, fuzz runs under a kernel that
     leaks, panics or hangs (fuzz_selftest=) must each fail.
Python 3 standard library only.
"""
import argparse
import os
import re
import resource
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import console
import trace_check

QEMU = os.environ.get('QEMU', 'qemu-system-i386')
EXIT_DONE = 33      # kernel wrote 0x10 to isa-debug-exit: run reached its end
EXIT_PANIC = 35     # kernel wrote 0x11: panic
BANNER = re.compile(r'Tasklab \S+ \(i386\) booting')
RESULT = re.compile(r'^(not ok|ok) (\d+) (\S+)(?:\s*#\s*(SKIP|TODO)\b\s*(.*))?$')
PLAN = re.compile(r'^1\.\.(\d+)$')
SERIAL_PROBE = 'tasklab-serial-probe-42\n'
INITRD = None       # the initramfs every -kernel boot gets (--initrd)
# Every boot gets QEMU's most capable CPU model, which has SMEP, SMAP and
# RDRAND under TCG (the kernel turns SMEP and SMAP on: arch/i386/cpu.c).
# --smp N adds -smp N to every boot (the SMP suite's claim_c32 cases run on
# every CPU there is); --mttcg adds QEMU's multi-threaded TCG, one host
# thread per vCPU, to every boot but the -icount ones (QEMU refuses both).
CPU = ['-cpu', 'max']
MTTCG = []


class Boot:
    """One QEMU boot: its output lines, exit status and whether it timed out."""

    def __init__(self, lines, status, timed_out, seconds, first_result_s):
        self.lines = lines
        self.status = status
        self.timed_out = timed_out
        self.seconds = seconds
        self.first_result_s = first_result_s


def run_alone(checks, args):
    """A check file run by itself (tests/console.py, tests/trace_check.py):
    checks(args, tally), the count line, exit status 1 on a failure."""
    tally = Tally()
    checks(args, tally)
    print(f'{tally.passed} passed, {tally.failed} failed')
    sys.exit(1 if tally.failed or tally.passed == 0 else 0)


def boot(kernel=None, iso=None, append='', timeout=30, mem='2G', extra=(), count_syscalls=True):
    """Run QEMU until it exits or `timeout` seconds pass; never hangs.
    Test boots count system calls (`syscall_counts`: the clone3 and
    pthread-clone3 checks read them); the benchmarks leave it off."""
    cmd = [QEMU, '-m', mem, '-display', 'none', '-serial', 'stdio', '-no-reboot',
           '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-monitor', 'none'] + CPU
    if iso:
        cmd += ['-cdrom', iso]
    else:
        # serial_probe tells the serial test that a probe line will be typed,
        # so missing input is a failure, not a skip.
        words = f'{append} serial_probe=1' + (' syscall_counts' if count_syscalls else '')
        cmd += ['-kernel', kernel, '-append', words.strip()]
        if INITRD:
            cmd += ['-initrd', INITRD]
    cmd += list(extra)
    if '-icount' not in extra:
        cmd += MTTCG
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out, first_result, timed_out, probed = b'', None, False, False
    fd = proc.stdout.fileno()
    while True:
        left = start + timeout - time.monotonic()
        if left <= 0:
            timed_out = True
            proc.kill()
            break
        ready, _, _ = select.select([fd], [], [], min(left, 0.5))
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        out += chunk
        if not probed and b'ready for the probe line' in out:
            # Type the probe line when the serial test asks (it reads it
            # back through IRQ 4; typed earlier, the console's tty would
            # take it when a program opens the console).
            try:
                proc.stdin.write(SERIAL_PROBE.encode())
                proc.stdin.flush()
            except BrokenPipeError:
                pass            # QEMU already exited (a quick panic): nothing to type to
            probed = True
        if first_result is None and re.search(rb'\n\s*(not )?ok 1 ', out):
            first_result = time.monotonic() - start
    status = proc.wait()
    try:
        proc.stdin.close()
    except BrokenPipeError:
        pass
    proc.stdout.close()
    text = out.decode('utf-8', 'replace').replace('\r', '')
    return Boot(text.split('\n'), status, timed_out, time.monotonic() - start, first_result)


class Ktap:
    """KTAP version 1, two levels (suites of cases). Non-KTAP lines are ignored."""

    def __init__(self, lines):
        self.errors = []
        self.results = []        # (suite, case, 'ok'|'not ok', directive, reason)
        self.suite_results = []  # (suite, status)
        self.should_panic = []   # 'suite.case' listed by the kernel
        self.expecting_panic = None
        self.end_seen = False
        self.lockdep = None      # the lock checker's end-of-run line
        self._parse(lines)

    def _parse(self, lines):
        top_plan, top_count, in_doc = None, 0, False
        sub = None               # current subtest: dict(name, plan, count, fail)
        for raw in lines:
            line = raw.rstrip()
            indent = len(line) - len(line.lstrip(' '))
            body = line.strip()
            if indent == 0 and body == 'KTAP version 1':
                if in_doc:
                    self.errors.append('a second top-level KTAP document began')
                in_doc = True
                continue
            if not in_doc:
                continue
            if body.startswith('# ktest should-panic '):
                self.should_panic.append(body.split()[-1])
            elif body.startswith('# ktest expecting panic: '):
                self.expecting_panic = body[len('# ktest expecting panic: '):]
            elif body == '# ktest: end of run':
                self.end_seen = True
            elif body.startswith('# lockdep: '):
                self.lockdep = body
            if indent == 4:
                sub = self._sub_line(body, sub)
            elif indent == 0:
                m = PLAN.match(body)
                if m:
                    if top_plan is not None:
                        self.errors.append(f'a second top-level plan {body}')
                    top_plan = int(m.group(1))
                    continue
                m = RESULT.match(body)
                if m:
                    top_count += 1
                    self._close_suite(m, sub, top_count)
                    sub = None
        if sub is not None:
            self.errors.append(f'suite {sub["name"]} has no result line')
        if top_plan is None and in_doc:
            self.errors.append('no top-level plan')
        elif top_plan is not None and top_plan != top_count:
            self.errors.append(f'top-level plan 1..{top_plan} but {top_count} results')
        if not in_doc:
            self.errors.append('no KTAP version line')

    def _sub_line(self, body, sub):
        if body == 'KTAP version 1':
            return {'name': None, 'plan': None, 'count': 0, 'fail': False}
        if sub is None:
            if RESULT.match(body) or PLAN.match(body):
                self.errors.append(f'"{body}" outside any subtest')
            return None
        if body.startswith('# Subtest: '):
            sub['name'] = body[len('# Subtest: '):]
            return sub
        m = PLAN.match(body)
        if m and sub['plan'] is None:
            sub['plan'] = int(m.group(1))
            return sub
        m = RESULT.match(body)
        if m:
            sub['count'] += 1
            status, num, name, directive, reason = m.groups()
            if int(num) != sub['count']:
                self.errors.append(f'{sub["name"]}: result {num} out of order')
            if status == 'not ok':
                sub['fail'] = True
            self.results.append((sub['name'], name, status, directive, reason))
        return sub

    def _close_suite(self, m, sub, count):
        status, num, name = m.group(1), int(m.group(2)), m.group(3)
        if num != count:
            self.errors.append(f'suite result {num} out of order')
        if sub is None:
            self.errors.append(f'suite {name} has a result but no subtest lines')
            return
        if sub['name'] != name:
            self.errors.append(f'suite result "{name}" closes subtest "{sub["name"]}"')
        if sub['plan'] is None:
            self.errors.append(f'suite {name} has no plan')
        elif sub['plan'] != sub['count']:
            self.errors.append(f'suite {name}: plan 1..{sub["plan"]} but {sub["count"]} results')
        if sub['fail'] and status == 'ok':
            self.errors.append(f'suite {name} says ok but a case failed')
        if status == 'not ok' and not sub['fail']:
            self.errors.append(f'suite {name} is not ok though all its cases are')
        self.suite_results.append((name, status))


def current_case(lines):
    """The suite.case that was running when the output stopped: named by the
    kernel's panic report, or else the suite and the number of the case."""
    suite, last_done = None, 0
    for line in lines:
        if 'ktest: the running test is ' in line:
            return line.split('ktest: the running test is ')[1].strip()
        body = line.strip()
        if body.startswith('# Subtest: '):
            suite, last_done = body[len('# Subtest: '):], 0
        m = RESULT.match(body)
        if m and line.startswith('    '):
            last_done = int(m.group(2))
    return f'{suite} (case #{last_done + 1})' if suite else 'boot (before any test)'


def panic_text(lines):
    """The kernel's panic report: from the first Oops/panic line on. It
    never includes the test's own "expecting panic" announcement."""
    for i, line in enumerate(lines):
        if 'Kernel panic - not syncing:' in line or ' Oops: ' in line:
            return [l for l in lines[i:i + 60] if 'ktest expecting panic' not in l]
    return None


def panic_headline(lines):
    """The 'Oops: ...' and 'Kernel panic - not syncing: ...' lines: where
    the expected text of a should-panic case must appear."""
    return [l for l in (panic_text(lines) or [])
            if ' Oops: ' in l or 'Kernel panic - not syncing:' in l]


class Tally:
    """The run's verdicts; a quiet one (for the harness self-checks) only
    counts."""

    def __init__(self, quiet=False):
        self.passed = self.failed = self.skipped = 0
        self.failures = []
        self.quiet = quiet

    def say(self, text):
        if not self.quiet:
            print(text)

    def ok(self, name, note=''):
        self.passed += 1
        self.say(f'ok      {name}{note}')

    def fail(self, name, why):
        self.failed += 1
        self.failures.append(name)
        self.say(f'FAIL    {name}: {why}')

    def skip(self, name, why):
        self.skipped += 1
        self.say(f'skip    {name}: {why}')


def boot_words(b):
    """The words of the kernel command line the boot printed."""
    for line in b.lines:
        if 'Command line: ' in line:
            return line.split('Command line: ', 1)[1].split()
    return []


def boot_problems(b, kt, expect_end=True):
    """Everything that makes a boot a failure besides its test results."""
    problems = []
    banners = sum(1 for l in b.lines if BANNER.search(l))
    if banners > 1:
        problems.append(f'the machine reset ({banners} boot banners: triple fault?)')
    if b.timed_out:
        problems.append(f'timed out after {b.seconds:.0f} s while running {current_case(b.lines)}')
    pt = panic_text(b.lines)
    if pt:
        problems.append(f'kernel panic while running {current_case(b.lines)}:\n        '
                        + '\n        '.join(pt))
    elif not b.timed_out and b.status != EXIT_DONE:
        problems.append(f'QEMU exited with status {b.status} (expected {EXIT_DONE}): '
                        f'crash or reset while running {current_case(b.lines)}')
    problems += [f'KTAP: {e}' for e in kt.errors]
    if expect_end and not kt.end_seen and not problems:
        problems.append('no end-of-run line: the kernel died')
    if expect_end and kt.end_seen:
        problems += lockdep_problems(kt.lockdep, 'nolockdep' in boot_words(b))
    return problems


LOCKDEP_LINE = re.compile(r'# lockdep: (on|off), (\d+) classes, (\d+) dependencies, '
                          r'(\d+) acquisitions checked')


def lockdep_problems(line, off=False):
    """The lock checker must have been on for the whole run and have checked
    locks: any report it makes panics (a failure above), so a run that ends
    with it still on found no inversion, no sleep under a spinlock and no
    lock used both in and outside interrupts with interrupts on."""
    m = LOCKDEP_LINE.match(line or '')
    if not m:
        return ['no lock checker summary line at the end of the run']
    if off:                              # booted with nolockdep: it must be off
        return [] if m.group(1) == 'off' else [f'nolockdep, yet the checker ran: {line}']
    if m.group(1) != 'on' or int(m.group(4)) == 0:
        return [f'the lock checker did not check the whole run: {line}']
    return []


# Manual cases that need a boot of their own with other QEMU settings:
# (test= name, guest memory, timeout in seconds). They run with the full
# test=* run or when --test names them.
# QEMU -icount: rdtsc counts guest instructions and repeats exactly from run
# to run; make bench and the c23 claim use it.
ICOUNT = ['-icount', 'shift=0,align=off,sleep=off',
          '-rtc', 'base=2020-01-01T00:00:00,clock=vm']

# The glibc pthread programs on Tasklab (tests/test_glibc.c: manual cases, one
# suite each) and claim c23 (forkbench: thread creates cheaper than forks,
# judged on instruction counts, hence -icount), in one extra boot. They need
# clone(CLONE_THREAD|SETTLS|...), futex and set_tid_address's clear-and-wake
# (the threads work), and the signal program needs rt_sigaction, tgkill and
# signal frames (the signals work); both are in main, so both switches are
# on. `--glibc-on-tasklab` runs them all regardless of the switches.
GLIBC_ON_TASKLAB = True
GLIBC_SIGNALS_ON_TASKLAB = True
GLIBC_CASES = ['glibc_mutex.counter_exact', 'glibc_cond.ping_pong', 'glibc_fork.child_one_thread',
               'glibc_exit.last_thread_ends', 'glibc_stress.create_join_handoffs',
               'glibc_forkbench.claim_c23_thread_cheaper', 'glibc_clone3.counted']
GLIBC_SIGNAL_CASES = ['glibc_signal.runs_in_target']

# The OOM killer's cases (tests/test_oom.c), where /bin/oomhog runs a small
# guest out of memory.
OOM_CASES = ['oom.hog_child_killed_with_sigkill', 'oom.bigger_of_two_hogs_dies',
             'oom.oom_score_adj_steers_the_choice', 'oom.kernel_allocation_fails_without_a_kill',
             'oom.unkillable_hog_alone_dies_of_sigkill', 'oom.fork_storm_and_hog_leave_system_usable']

EXTRA_BOOTS = [
    # c22 scale: kernel threads up to the default threads-max of 512 MiB
    ('task_scale.claim_c22_kthreads_up_to_threads_max', '512M', 60, ()),
    (','.join(OOM_CASES), '96M', 120, ()),
]
GLIBC_BOOT = (','.join(GLIBC_CASES + GLIBC_SIGNAL_CASES), '2G', 120, tuple(ICOUNT))
if GLIBC_ON_TASKLAB:
    EXTRA_BOOTS.append((','.join(GLIBC_CASES + (GLIBC_SIGNAL_CASES if GLIBC_SIGNALS_ON_TASKLAB
                                               else [])), '2G', 120, tuple(ICOUNT)))


def run_main(args, tally, test=None, mem=None, timeout=None, label='main boot', extra=(),
             append='', prefix=''):
    b = boot(args.kernel, append=f'test={test or args.test} {append} {args.append}',
             timeout=timeout or args.timeout, mem=mem or args.mem, extra=extra)
    kt = Ktap(b.lines)
    if args.verbose:
        print('\n'.join(b.lines))
    count_results(tally, kt, b.lines, prefix=prefix)
    for p in boot_problems(b, kt):
        tally.fail(label, p)
    if label == 'main boot' and args.expect_cpus:
        want = f'smp: Brought up {args.expect_cpus} CPU'
        if any(want in l for l in b.lines):
            tally.ok(f'{label}: {args.expect_cpus} CPUs up')
        else:
            tally.fail(f'{label}: {args.expect_cpus} CPUs up', f'no "{want}" line')
    if b.first_result_s is not None:
        print(f'# boot to first test result: {b.first_result_s:.2f} s; {label} {b.seconds:.2f} s')
    return kt


def run_extra_boots(args, tally, append='', prefix=''):
    boots = EXTRA_BOOTS
    if args.glibc_on_tasklab:
        boots = [b for b in boots if 'glibc_' not in b[0]] + [GLIBC_BOOT]
    for test, mem, timeout, extra in boots:
        if args.test == '*' or args.test == test or (args.glibc_on_tasklab and test == GLIBC_BOOT[0]):
            cases = test.split(',')
            name = cases[0] + (f' (+{len(cases) - 1} more)' if len(cases) > 1 else '')
            run_main(args, tally, test=test, mem=mem, timeout=timeout, extra=extra,
                     append=append, prefix=prefix,
                     label=f'{prefix}{name} boot (-m {mem}{" -icount" if extra else ""})')


# The scheduler: O(1) is the default (sched=o1); a full run boots every
# self-test (the main boot and the extra boots above) a second time under
# 2.4's goodness scheduler, its results named goodness:suite.case. The
# should-panic cases, the console and the user programs on Linux do not
# depend on the policy and run once.
SECOND_SCHED = 'goodness'


def run_second_sched(args, tally):
    if args.test != '*' or 'sched=' in args.append:
        return
    prefix = f'{SECOND_SCHED}:'
    append = f'sched={SECOND_SCHED}'
    run_main(args, tally, append=append, prefix=prefix, label=f'{SECOND_SCHED} main boot')
    run_extra_boots(args, tally, append=append, prefix=prefix)


def count_results(tally, kt, lines, prefix='', skips_allowed=False):
    """Every case result of a parsed KTAP run into the tally. A SKIP is a
    failure unless skips_allowed: only the Linux-ABI cross-check under
    qemu-i386 may skip (a check whose answer differs on the build host);
    on Tasklab every case must run, the kernel's and the user programs'
    alike, so a test that quietly stopped running cannot pass as green."""
    for suite, case, status, directive, reason in kt.results:
        name = f'{prefix}{suite}.{case}'
        if directive == 'SKIP' and skips_allowed:
            tally.skip(name, reason)
        elif directive == 'SKIP':
            tally.fail(name, f'skipped on Tasklab ({reason}): every case must run there')
        elif status == 'ok':
            tally.ok(name)
        else:
            tally.fail(name, 'not ok (diagnostics above in the log)')
            if not tally.quiet:
                print_case_log(lines, suite, case)


def print_case_log(lines, suite, case):
    """Print the diagnostics the kernel wrote for one case of one suite: the
    '#' lines between the previous result line and this case's result."""
    pending, current = [], None
    for line in lines:
        body = line.strip()
        if body.startswith('# Subtest: '):
            current, pending = body[len('# Subtest: '):], []
            continue
        m = RESULT.match(body)
        if m and line.startswith('    '):
            if current == suite and m.group(3) == case:
                for p in pending:
                    print('        ' + p)
                return
            pending = []
        elif body.startswith('#') and line.startswith('    '):
            pending.append(body)


def run_should_panic(args, tally, name):
    """Boot one should-panic case; it must panic with its text, and the
    backtrace must name the case's function (symbolization works)."""
    b = boot(args.kernel, append=f'test={name} ktest_panic_ok {args.append}', timeout=20,
             mem=args.mem)
    kt = Ktap(b.lines)
    label = f'{name} (should panic)'
    pt = panic_text(b.lines)
    case_fn = name.split('.', 1)[1]
    skipped = [r for r in kt.results if r[3] == 'SKIP' and f'{r[0]}.{r[1]}' == name]
    if b.timed_out:
        tally.fail(label, f'timed out after {b.seconds:.0f} s')
    elif pt is None and skipped:
        tally.fail(label, f'skipped on Tasklab ({skipped[0][4]}): every case must run there')
    elif pt is None:
        tally.fail(label, 'the kernel did not panic')
    elif kt.expecting_panic is None:
        tally.fail(label, 'panicked before the case announced itself:\n        ' + '\n        '.join(pt))
    elif not any(kt.expecting_panic in l for l in panic_headline(b.lines)):
        tally.fail(label, f'the panic message lacks "{kt.expecting_panic}":\n        '
                   + '\n        '.join(pt))
    elif not any(case_fn in l for l in pt if '+0x' in l):
        tally.fail(label, f'no symbolized backtrace line naming {case_fn}')
    elif b.status != EXIT_PANIC:
        tally.fail(label, f'QEMU exit status {b.status}, expected {EXIT_PANIC}')
    else:
        tally.ok(label, f'  [panicked: {kt.expecting_panic}]')


def interactive_boot(extra, respond, timeout=20):
    """Boot as `make run` does (128M, serial on stdio, `extra` QEMU args) and
    type what respond(output so far) returns: '' for nothing yet, None to
    stop. Returns (output text, QEMU exit status)."""
    cmd = [QEMU, '-m', '128M', '-display', 'none', '-serial', 'stdio', '-no-reboot',
           '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04', '-monitor', 'none'] + CPU + extra
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out, deadline = b'', time.monotonic() + timeout
    fd = proc.stdout.fileno()
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        chunk = os.read(fd, 65536) if ready else b''
        if ready and not chunk:
            break
        out += chunk
        keys = respond(out)
        if keys is None:
            break
        if keys:
            try:
                proc.stdin.write(keys.encode())
                proc.stdin.flush()
            except BrokenPipeError:
                break
    if proc.poll() is None:
        proc.kill()
    status = proc.wait()
    return out.decode('utf-8', 'replace').replace('\r', ''), status


def run_monitor_check(args, tally):
    """`make run` without an init program: the console monitor (a kernel
    thread) answers the serial keys; t prints the task list in ps -efj
    columns with PID 0, 1 and [kthreadd]; q the scheduler's table (policy,
    priorities, slice) and each CPU's queue with its O(1) arrays; while s makes the monitor thread
    spin, t still prints it (from the receive interrupt); i prints the
    interrupt counts with a column per CPU; r powers off (QEMU exit status
    33)."""
    sent = []

    def respond(out):
        done = ''.join(sent)
        key = 't' if not done and b'Serial monitor ready' in out else \
              'q' if done == 't' and b'[kthreadd]' in out else \
              's' if done == 'tq' and b'expired array' in out else \
              't' if done == 'tqs' and b'monitor: spinning' in out else \
              'i' if done == 'tqst' and b'spin done' in out else \
              'r' if done == 'tqsti' and b'Local timer interrupts' in out else ''
        if key:
            sent.append(key)
        return key
    text, status = interactive_boot(['-kernel', args.kernel, '-append', args.append], respond)
    want = ['UID        PID  PPID  PGID   SID  C STIME TTY          TIME CMD',
            '[swapper]', '[kernel_init]', '[kthreadd]', '[kmonitord]']
    cpus = int(CPU[CPU.index('-smp') + 1]) if '-smp' in CPU else 1
    want += ['CPU%-8d' % c for c in range(cpus)] + ['LOC:', '  0: ', 'IO-APIC-edge  timer']
    missing = [w for w in want if w not in text]
    # q: the scheduler's table, kmonitord running (queued, R) at nice 0's
    # static priority 120, and the O(1) arrays
    if not re.search(r'^sched=o1: \d+ runnable', text, re.M) or \
            not re.search(r'^\s+\d+ OTHER\s+1[0-3]\d\s+120\s+0\s+\d+\s+\d+ R kmonitord', text, re.M) or \
            'active array:' not in text:
        missing.append("q's scheduler table with kmonitord and the O(1) arrays")
    missing += [f"q's run queue of CPU {c}" for c in range(cpus)
                if not re.search(rf'^cpu{c}: \d+ runnable, \d+ switches, running \d+$', text, re.M)]
    spinning = text.partition('monitor: spinning')[2].partition('monitor: spin done')[0]
    if want[0] not in spinning:
        missing.append('a task list while kmonitord spins')
    if not missing and status == EXIT_DONE:
        tally.ok('monitor_t_lists_tasks', '  [t: ps -efj with [swapper] [kernel_init] [kthreadd], also while kmonitord spins; '
                 f'q: the run queue; i: interrupts, {cpus} CPU column(s); r: power off]')
    else:
        tally.fail('monitor_t_lists_tasks', f'missing {missing}, exit status {status}:\n' + text[-2000:])


# Tasklab's own init (user/bin/init.c). /sbin/init is BusyBox's when the
# initramfs has BusyBox (tests/console.py drives that one), else a link to it.
TASKLAB_INIT = '/sbin/tasklab-init'


def run_init_check(args, tally):
    """`make run ARGS=init=/sbin/tasklab-init` with the initramfs: PID 1 (a
    kernel thread, mm NULL) execs Tasklab's init and stays PID 1 (c14: init
    prints its getpid()); init refuses
    to exit, runs the static glibc program from its prompt and reports how it
    ended. Then `utest_proc --orphans-to-init` leaves orphans to PID 1:
    one ending while that command runs, one after init is back at its
    prompt (no more input comes), then, with nothing else ending, one that
    was already a zombie when its parent ended and one cloned with exit
    signal 0: each must vanish (kill(pid, 0) gives ESRCH, so init reaped
    it) within 3 s."""
    script = ['exit\n', '/bin/hello-glibc\n', '/bin/utest_proc --orphans-to-init\n']
    sent = []
    kinds = ('during a command', 'at the prompt', 'a zombie when its parent ends',
             'cloned with exit signal 0')
    orphan_line = re.compile(r'orphans: (' + '|'.join(kinds) + r'): pid -?\d+ '
                             r'(reaped after \d+ ms|NOT reaped)')

    def respond(out):
        if len(orphan_line.findall(out.decode('utf-8', 'replace'))) >= len(kinds):
            return None
        if len(sent) < len(script) and out.count(b'tasklab# ') == len(sent) + 1:
            sent.append(script[len(sent)])
            return sent[-1]
        return ''
    text, _ = interactive_boot(['-kernel', args.kernel, '-initrd', INITRD,
                                '-append', f'init={TASKLAB_INIT} {args.append}'], respond)
    want = [f'init: PID 1 (mm NULL) execs {TASKLAB_INIT}', "init: pid 1; type 'help'",
            'init: PID 1 does not exit', 'hello-glibc: malloc ok: 1024 KiB of x',
            'exited with 42']
    missing = [w for w in want if w not in text]
    if not missing:
        tally.ok('claim_c14_init_is_pid1_after_exec',
                 f'  [PID 1 execs {TASKLAB_INIT} with mm NULL; getpid() == 1 there; glibc program runs]')
    else:
        tally.fail('claim_c14_init_is_pid1_after_exec', f'missing {missing}:\n' + text[-2000:])
    found = dict(orphan_line.findall(text))
    if all(found.get(k, '').startswith('reaped') for k in kinds):
        tally.ok('init_reaps_orphans', '  [orphans reaped by PID 1: ' +
                 '; '.join(f'{k} ({found[k]})' for k in kinds) + ']')
    else:
        tally.fail('init_reaps_orphans', f'orphan reports {found}:\n' + text[-2000:])


def run_init_job_control_check(args, tally):
    """`make run ARGS=init=/sbin/tasklab-init`: Tasklab's init shell takes
    the console as its
    controlling terminal (TIOCSCTTY) and runs each command as the terminal's
    foreground process group, so the keys reach the command. At its prompt:
    `cat` and a line (cat echoes it back: it runs, in the foreground), ^Z
    (cat stops by SIGTSTP, 20, and the prompt is back), `fg` (it goes on
    reading), another line, ^C (cat ends by SIGINT, 2, the prompt is back),
    then ^C on a half-typed line at the prompt (the line is dropped) and
    `echo done`. Each key goes when the output says the last one worked."""
    script = [(b'tasklab# ', 1, 'cat\nhello\n'), (b'hello', 2, '\x1a'),
              (b'tasklab# ', 2, 'fg\n'), (b'continuing pid', 1, 'again\n'),
              (b'again', 2, '\x03'), (b'tasklab# ', 3, 'half-typed\x03'),
              (b'tasklab# ', 4, 'echo done\n'), (b'tasklab# ', 5, None)]
    step = [0]

    def respond(out):
        text, count, keys = script[step[0]]
        if out.count(text) < count:
            return ''
        step[0] += 1
        return keys
    text, _ = interactive_boot(['-kernel', args.kernel, '-initrd', INITRD,
                                '-append', f'init={TASKLAB_INIT} {args.append}'],
                               respond, timeout=30)
    want = ['hello\nhello', '^Z\ninit: pid', 'stopped by signal 20 (fg continues it)',
            'continuing pid', 'again\nagain', '^C\ninit: pid', 'killed by signal 2',
            'half-typed^C\ntasklab# ', 'done\ntasklab# ']
    missing = [w for w in want if w not in text]
    if step[0] == len(script) and not missing and 'init: half-typed' not in text:
        tally.ok('init_shell_job_control',
                 '  [cat in the foreground: ^Z stopped it (SIGTSTP), fg went on, '
                 '^C ended it (SIGINT); ^C dropped a half-typed line]')
    else:
        tally.fail('init_shell_job_control', f'at step {step[0]} of {len(script)}, '
                   f'missing {missing}:\n' + text[-2000:])


def run_iso(args, tally):
    b = boot(iso=args.iso, timeout=args.timeout)
    kt = Ktap(b.lines)
    problems = boot_problems(b, kt)
    if not any(BANNER.search(l) for l in b.lines):
        problems.append('no boot banner')
    if not any('memory map:' in l for l in b.lines):
        problems.append('no memory map summary')
    if not any('boot loader: GRUB' in l for l in b.lines):
        problems.append('the boot loader is not GRUB')
    if not kt.results or any(r[2] != 'ok' or r[3] == 'SKIP' for r in kt.results):
        problems.append('its self-tests did not all pass (a SKIP counts as not passing)')
    if problems:
        tally.fail('grub_iso_boot', '; '.join(problems))
    else:
        summary = next(l for l in b.lines if 'memory map:' in l).split('] ', 1)[-1]
        tally.ok('grub_iso_boot', f'  [{len(kt.results)} tests via GRUB in {b.seconds:.2f} s; {summary}]')


def gdb_session(args, salt, commands, initrd=False, qemu_extra=()):
    """Boot QEMU stopped (with the initramfs when `initrd`, so that PID 1
    execs /sbin/init), run gdb with scripts/gdbinit (which stops at
    start_kernel) and then `commands`; return gdb's output, its warnings
    (stderr) included."""
    port = 26000 + (os.getuid() * 7 + os.getpid() + salt) % 4000
    qemu_cmd = [QEMU, '-m', '128M', '-display', 'none', '-serial', 'null',
                '-no-reboot', '-kernel', args.kernel, '-S', '-gdb', f'tcp:127.0.0.1:{port}'] + CPU
    qemu_cmd += list(qemu_extra)
    if initrd:
        qemu_cmd += ['-initrd', INITRD]
    qemu = subprocess.Popen(qemu_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    cmd = ['gdb', '-q', '-batch', '-nx', '-ex', f'file {args.kernel}',
           '-ex', f'set $tl_port = {port}', '-x', 'scripts/gdbinit']
    for c in commands:
        cmd += ['-ex', c]
    try:
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             text=True, timeout=60).stdout
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b'').decode() if isinstance(e.stdout, bytes) else (e.stdout or '')
    finally:
        qemu.kill()
        qemu.wait()
    return out


# What gdb prints when a pc's debug info is inconsistent (a compile unit
# whose address range does not hold code it claims in .debug_aranges).
GDB_DEBUG_INFO_ERRORS = re.compile(r'Internal error|not in symtab|in address map')


def run_gdb_check(args, tally):
    """Non-interactive `make gdb`: the same gdbinit stops at start_kernel;
    then bt must show it with its arguments, one `next` later bt must go
    on into startup_higher_half (boot/higher_half.asm) without a word from
    gdb about broken debug info, and tl-dmesg must read the log after some
    boot progress."""
    out = gdb_session(args, 0, ['bt', 'next', 'bt', 'hbreak multiboot_print_summary',
                                'continue', 'tl-dmesg'])
    bt = re.search(r'#0\s+start_kernel \(magic=[^)]*\) at kernel/main\.c:\d+', out)
    caller = re.search(r'#1\s+0x[0-9a-f]+ in startup_higher_half \(\) at boot/higher_half\.asm:\d+', out)
    errors = sorted(set(GDB_DEBUG_INFO_ERRORS.findall(out)))
    if bt and caller and not errors and 'Tasklab' in out and 'Command line:' in out:
        tally.ok('gdb_stops_at_start_kernel', f'  [{bt.group(0)}; bt reaches startup_higher_half '
                 'with no debug-info warning; tl-dmesg reads the log]')
    else:
        why = f'gdb reported broken debug info ({", ".join(errors)})' if errors else \
            'no frame #1 in startup_higher_half at boot/higher_half.asm' if not caller else 'unexpected'
        tally.fail('gdb_stops_at_start_kernel', f'{why}; gdb output:\n' + out)


def run_gdb_tasks_check(args, tally):
    """The gdb task helpers (scripts/gdb/tasklab.py): stopped in the console
    monitor's thread, tl-ps lists PID 0, 1, 2 with kernel threads bracketed,
    and $tl_current() (from $esp & ~8191) is that thread."""
    out = gdb_session(args, 1, ['hbreak monitor_thread', 'continue', 'tl-ps',
                                'print $tl_current()->comm', 'print $tl_task(2)->comm'])
    want = ['[swapper]', '[kernel_init]', '[kthreadd]', '* root', '"kmonitord', '"kthreadd']
    missing = [w for w in want if w not in out]
    if not missing:
        tally.ok('gdb_tl_ps_and_tl_current', '  [tl-ps lists PIDs 0-3; $tl_current() is kmonitord]')
    else:
        tally.fail('gdb_tl_ps_and_tl_current', f'missing {missing} in gdb output:\n' + out)


def run_gdb_cpus_check(args, tally):
    """SMP in gdb (-smp 2): stopped in the monitor's thread on CPU 0,
    tl-cpus shows CPU 0 running kmonitord and CPU 1's task (swapper/1 when
    idle; tasks run on every CPU, so it may be another); with gdb's thread
    2 (QEMU's vCPU 1) selected, $tl_current() reads that CPU's $esp and is
    the task tl-cpus names for CPU 1; tl-ps has its CPU column."""
    if '-smp' in CPU:
        return                       # the boot's -smp is the session's own
    out = gdb_session(args, 4, ['hbreak monitor_thread', 'continue', 'tl-cpus', 'thread 2',
                                'print $tl_current()->comm', 'thread 1',
                                'print $tl_current()->comm', 'tl-ps'], qemu_extra=['-smp', '2'])
    cpu1 = re.search(r'^\s*1\s+\d+ (\S+)\s+(idle|running \(kernel\)|running)\s+\[thread_info->cpu 1\]',
                     out, re.M)
    checks = {
        'tl-cpus CPU 0': re.search(r'^\s*0\s+\d+ kmonitord\s+running \(kernel\)', out, re.M),
        'tl-cpus CPU 1': cpu1,
        '$tl_current() on CPU 1': cpu1 and re.search(rf'= "{re.escape(cpu1.group(1))}\\000', out),
        '$tl_current() on CPU 0': re.search(r'= "kmonitord', out),
        'tl-ps CPU column': re.search(r'SID CPU  C STIME', out),
    }
    missing = [k for k, v in checks.items() if not v]
    if not missing:
        tally.ok('gdb_tl_cpus_per_cpu_current', f'  [-smp 2: CPU 0 kmonitord, CPU 1 {cpu1.group(1)}; '
                 '$tl_current() follows the selected vCPU thread]')
    else:
        tally.fail('gdb_tl_cpus_per_cpu_current', f'missing {missing} in gdb output:\n' + out)


def tl_ps_command(out, pid):
    """The CMD column of tl-ps's line for `pid` in gdb's output, or None."""
    m = re.search(rf'^[* ] \S+\s+{pid}\s+\d+ .* (\S+)  state=\d+$', out, re.M)
    return m.group(1) if m else None


def run_gdb_kthreadd_named_check(args, tally):
    """A kernel thread has its name from its creation: stopped where
    do_fork makes PID 2 runnable (wake_up_process, before it ever ran),
    tl-ps already lists it as [kthreadd], not under its parent's name
    [swapper], and PID 1 as [kernel_init]."""
    out = gdb_session(args, 2, ['hbreak wake_up_process if p->pid == 2', 'continue', 'tl-ps',
                                'print $tl_task(2)->state'])
    got = {pid: tl_ps_command(out, pid) for pid in (1, 2)}
    if got == {1: '[kernel_init]', 2: '[kthreadd]'}:
        tally.ok('gdb_kthreadd_named_at_creation',
                 '  [at PID 2\'s first wake-up tl-ps lists [kernel_init] and [kthreadd]]')
    else:
        tally.fail('gdb_kthreadd_named_at_creation',
                   f'tl-ps names PID 1 and 2 {got} before they ran; gdb output:\n' + out)


def run_gdb_comm_after_exec_check(args, tally):
    """PID 1's comm after its exec of /sbin/init (stopped in start_thread,
    the exec's last step) is "init" and zero bytes to the end of the
    16-byte array: no byte of the old name "kernel_init" left behind it."""
    if not INITRD:
        tally.fail('gdb_comm_zero_padded_after_exec', 'needs --initrd (PID 1 must exec /sbin/init)')
        return
    out = gdb_session(args, 3, ['hbreak start_thread', 'continue', 'print $tl_current()->pid',
                                'print/x $tl_current()->comm'], initrd=True)
    pid = re.search(r'^\$1 = (\d+)$', out, re.M)
    comm = re.search(r'^\$2 = (\{.*\})$', out, re.M)
    want = '{0x69, 0x6e, 0x69, 0x74, 0x0 <repeats 12 times>}'     # "init" + 12 zeros
    if pid and pid.group(1) == '1' and comm and comm.group(1) == want:
        tally.ok('gdb_comm_zero_padded_after_exec', f'  [PID 1 after exec: comm = {want}]')
    else:
        tally.fail('gdb_comm_zero_padded_after_exec',
                   f'PID 1\'s comm after exec is not "init" zero-padded (want {want}); '
                   'gdb output:\n' + out)


def run_gdb_runqueue_check(args, tally):
    """tl-runqueue (scripts/gdb/tasklab.py), stopped at PID 2's first
    wake-up (kernel_init, PID 1, is queued; kthreadd becomes
    runnable): the O(1) policy, CPU 0's queue with an active array whose
    bitmap has the MAX_PRIO sentinel bit (140: word 4, 0x1000) and PID 1 at
    a level of 100..139. Then on -smp 2, stopped in the monitor's thread
    (both CPUs up): a queue, with its arrays, for each CPU."""
    out = gdb_session(args, 4, ['hbreak wake_up_process if p->pid == 2', 'continue',
                                'tl-runqueue'])
    head = re.search(r'^sched=o1: \d+ runnable', out, re.M)
    cpu0 = re.search(r'^cpu0: \d+ runnable, running pid \d+$', out, re.M)
    bitmap = re.search(r'^active array: \d+ queued, bitmap (?:\S+ ){4}(\S+)', out, re.M)
    level = re.search(r'^\s+1[0-3]\d: .*\b1:kernel_init\b', out, re.M)
    smp = '' if '-smp' in CPU else gdb_session(args, 5, ['hbreak monitor_thread', 'continue',
                                                         'tl-runqueue'], qemu_extra=['-smp', '2'])
    per_cpu = not smp or (re.search(r'^sched=o1: \d+ runnable on 2 CPU\(s\)$', smp, re.M) and
                          re.search(r'^cpu0: \d+ runnable, running pid \d+$', smp, re.M) and
                          re.search(r'^cpu1: \d+ runnable, running pid \d+$', smp, re.M) and
                          len(re.findall(r'^active array: ', smp, re.M)) == 2)
    if head and cpu0 and bitmap and int(bitmap.group(1), 16) & 0x1000 and level and per_cpu:
        tally.ok('gdb_tl_runqueue', f'  [{head.group(0)}; {level.group(0).strip()}'
                 + ('; -smp 2: both CPUs\' queues]' if smp else ']'))
    else:
        tally.fail('gdb_tl_runqueue', 'tl-runqueue did not show the O(1) arrays with PID 1 '
                   'queued on CPU 0, or (-smp 2) a queue per CPU; gdb output:\n' + out + smp)


TRACE_LINE = re.compile(r'^ +\S+-\d+ +\( *(\d+|-------)\) \[\d{3}\] +\d+\.\d{6}: (\w+): (.*)$', re.M)


def run_gdb_trace_check(args, tally):
    """tl-trace (scripts/gdb/trace.py) reads the trace rings from guest
    memory: with sched_switch and sched_process_fork turned on from gdb at
    start_kernel (trace_events_on bits 0 and 3), stopped where the console
    monitor's thread starts, it prints the switches and forks of the boot
    in tracefs's text, the fork of kmonitord among them."""
    out = gdb_session(args, 4, ['set var trace_events_on = 9', 'hbreak monitor_thread',
                                'continue', 'tl-trace 40'])
    lines = TRACE_LINE.findall(out)
    events = {name for _, name, _ in lines}
    fork = [f for _, name, f in lines if name == 'sched_process_fork' and 'child_comm=kmonitord' in f]
    if events == {'sched_switch', 'sched_process_fork'} and fork and len(lines) > 5:
        tally.ok('gdb_tl_trace_reads_rings', f'  [{len(lines)} lines; {fork[0][:60]}...]')
    else:
        tally.fail('gdb_tl_trace_reads_rings', f'events {sorted(events)}, kmonitord fork '
                   f'{bool(fork)}; gdb output:\n' + out)


def run_gdb_checks(args, tally):
    run_gdb_check(args, tally)
    run_gdb_trace_check(args, tally)
    run_gdb_tasks_check(args, tally)
    run_gdb_runqueue_check(args, tally)
    run_gdb_cpus_check(args, tally)
    run_gdb_kthreadd_named_check(args, tally)
    run_gdb_comm_after_exec_check(args, tally)


# The unmodified glibc pthread programs (user/glibc/, issue 6 "must show"
# 3 and 4): each prints `<prog>: ok|FAIL: ...` per check and ends with
# `<prog>: PASS: ...` and status 0 only when all held. They run under
# qemu-i386 here and on Tasklab in the glibc_* program suites.
GLIBC_SELFCHECK = ['pthread-mutex', 'pthread-cond', 'pthread-fork', 'pthread-signal',
                   'pthread-exit', 'pthread-stress', 'pthread-clone3']


def linux_abi_env():
    """The environment of a program run under qemu-i386: it tells the
    program that it is not on Tasklab (user/lib/ktap.c checks that uname
    agrees), which is the only place where its cases may skip."""
    return dict(os.environ, KTAP_PLATFORM='linux-abi')


# glibc programs that crash on purpose (user/glibc/crash-threads.c: for the
# core-file check) and the signal each must die of, here as on Tasklab.
GLIBC_CRASHES = {'crash-threads': signal.SIGSEGV}


def no_core_files():
    """preexec_fn: RLIMIT_CORE 0, so a crash under qemu-i386 leaves no
    core file of QEMU's (qemu_*.core) behind."""
    resource.setrlimit(resource.RLIMIT_CORE, (0, resource.getrlimit(resource.RLIMIT_CORE)[1]))


def run_glibc_on_linux(qemu_user, path):
    """One glibc program under qemu-i386, in a scratch directory."""
    with tempfile.TemporaryDirectory() as scratch:
        return subprocess.run([qemu_user, path], capture_output=True, text=True, timeout=120,
                              env=linux_abi_env(), cwd=scratch, preexec_fn=no_core_files)


def run_user_on_linux(args, tally):
    """Run each user test program under qemu-i386 and count its KTAP suite.
    A program prints one nested suite and exits 0 when all its cases passed;
    the top-level lines are added here, as the kernel's runner will add them."""
    qemu_user = shutil.which('qemu-i386')
    bindir = os.path.join(args.user_dir, 'bin')
    progs = sorted(f for f in os.listdir(bindir) if f.startswith('utest_') and '.' not in f) \
        if os.path.isdir(bindir) else []
    if not progs:
        tally.fail('user programs', f'no utest_* programs in {bindir}')
        return
    if not qemu_user:
        tally.skip('user programs on the Linux ABI', 'qemu-i386 (Debian qemu-user) not installed')
        return
    for prog in progs:
        path = os.path.join(bindir, prog)
        try:
            run = subprocess.run([qemu_user, path], capture_output=True, text=True, timeout=120,
                                 env=linux_abi_env())
            out, status = run.stdout, run.returncode
        except subprocess.TimeoutExpired as e:
            out, status = (e.stdout or b'').decode('utf-8', 'replace'), 'timeout'
        m = re.search(r'# Subtest: (\S+)', out)
        suite = m.group(1) if m else prog        # close the program's own suite
        lines = ['KTAP version 1', '1..1'] + out.split('\n') + \
            [f'{"ok" if status == 0 else "not ok"} 1 {suite}']
        kt = Ktap(lines)
        if args.verbose:
            print(out)
        count_results(tally, kt, lines, prefix='linux-abi:', skips_allowed=True)
        problems = [f'KTAP: {e}' for e in kt.errors]
        if status != 0:
            problems.append(f'exit status {status}')
        if problems:
            tally.fail(f'linux-abi:{prog}', '; '.join(problems))
    # The glibc programs check themselves and exit 0 when all held; the
    # self-checking ones (user/glibc/selfcheck.h) must also print their
    # PASS line, so a process that ended early with status 0 fails.
    glibc_dir = os.path.join(args.user_dir, 'glibc')
    for prog in sorted(os.listdir(glibc_dir)) if os.path.isdir(glibc_dir) else []:
        try:
            run = run_glibc_on_linux(qemu_user, os.path.abspath(os.path.join(glibc_dir, prog)))
            want = -GLIBC_CRASHES.get(prog, 0)       # a crasher must die of its signal
            ok, why = run.returncode == want, f'exit status {run.returncode}: {run.stdout[-300:]}'
            if ok and prog in GLIBC_SELFCHECK and f'{prog}: PASS:' not in run.stdout:
                ok, why = False, f'exit status 0 without the PASS line: {run.stdout[-300:]}'
        except subprocess.TimeoutExpired:
            ok, why = False, 'timed out'
        if args.verbose:
            print(run.stdout if ok else why)
        if ok:
            tally.ok(f'linux-abi:{prog}')
        else:
            tally.fail(f'linux-abi:{prog}', why)


def ps_rows(text):
    """`ps -efj` output: the header and {pid: the columns that do not move
    between two snapshots (UID PID PPID PGID SID STIME TTY CMD)}."""
    lines = text.rstrip('\n').split('\n')
    rows = {}
    for line in lines[1:]:
        f = line.split(None, 9)
        if len(f) == 10:
            rows[f[1]] = f[:5] + f[6:8] + f[9:]
    return lines[0], rows


def run_ps_on_linux(args, tally):
    """Our /bin/ps (user/bin/ps.c) reads /proc as procps does: under
    qemu-i386 on the build host its `ps -efj` must match the host's procps
    `ps -efj`, column for column, for the processes both saw (C and TIME
    may tick between the two, and the ps processes themselves differ)."""
    ours_path = os.path.join(args.user_dir, 'bin', 'ps')
    if not shutil.which('ps') or not shutil.which('qemu-i386'):
        tally.skip('linux-abi:ps_matches_procps', 'no procps ps or qemu-i386 on this host')
        return
    ours = subprocess.run(['qemu-i386', ours_path, '-efj'], capture_output=True, text=True)
    host = subprocess.run(['ps', '-efj'], capture_output=True, text=True)
    (oh, orows), (hh, hrows) = ps_rows(ours.stdout), ps_rows(host.stdout)
    common = [p for p in orows if p in hrows]
    differ = [p for p in common if orows[p] != hrows[p]]
    if ours.returncode == 0 and oh == hh and len(common) >= 10 and len(differ) <= len(common) // 20:
        tally.ok('linux-abi:ps_matches_procps',
                 f'  [{len(common) - len(differ)} of {len(common)} processes identical to procps]')
    else:
        tally.fail('linux-abi:ps_matches_procps',
                   f'status {ours.returncode}, headers {oh!r} / {hh!r}, {len(common)} in both, '
                   f'differing: ' + '; '.join(f'{orows[p]} vs {hrows[p]}' for p in differ[:5]))


# The core-file check (tests/test_coredump.c, suite core_gdb): the kernel
# sends a crashed program's core over COM2 as "TLCORE <name> <size>\n",
# then per page of the file 'Z' (zeros) or 'D' and its bytes (the last
# page only up to <size>), then "TLCORE-END <sum>\n" (the bytes' sum mod
# 2^32, in hex).
CORE_GDB_CASE = 'core_gdb.core_to_com2'
CORE_FRAME = re.compile(rb'TLCORE (\S+) (\d+)\n')
CORE_END = re.compile(rb'TLCORE-END ([0-9a-f]{8})\n')


def decode_core_frame(data):
    """The (name, bytes) of the core file framed in data; ValueError when
    the frame is missing, cut short or its sum is wrong."""
    m = CORE_FRAME.search(data)
    if not m:
        raise ValueError(f'no TLCORE frame in {len(data)} bytes from COM2')
    name, size, pos, out = m.group(1).decode(), int(m.group(2)), m.end(), bytearray()
    while len(out) < size:
        n = min(4096, size - len(out))
        tag, pos = data[pos:pos + 1], pos + 1
        if tag == b'Z':
            out += bytes(n)
        elif tag == b'D' and pos + n <= len(data):
            out += data[pos:pos + n]
            pos += n
        else:
            raise ValueError(f'frame broken at byte {len(out)} of {size}')
    end = CORE_END.match(data, pos)
    if not end or int(end.group(1), 16) != sum(out) & 0xffffffff:
        raise ValueError('the end line is missing or its sum does not match')
    return name, bytes(out)


def fetch_core(args, tally, prog):
    """Boot the core_gdb case for /bin/<prog> with COM2 on a file and
    rebuild the core it sends next to the kernel image; its path, or None
    (the failure counted)."""
    with tempfile.TemporaryDirectory() as scratch:
        com2 = os.path.join(scratch, 'com2.bin')
        kt = run_main(args, tally, test=CORE_GDB_CASE, timeout=60,
                      extra=('-serial', f'file:{com2}'),
                      append=f'core_prog=/bin/{prog}', label=f'core_gdb boot ({prog})')
        if not any(r[1] == 'core_to_com2' and r[2] == 'ok' for r in kt.results):
            return None
        try:
            name, core = decode_core_frame(open(com2, 'rb').read())
        except (OSError, ValueError) as e:
            tally.fail(f'core_gdb.{prog}.frame', str(e))
            return None
    path = os.path.join(os.path.dirname(args.kernel) or '.', f'{name}.core')
    with open(path, 'wb') as f:
        f.write(core)
    return path


def unstripped(args, prog):
    """The build's own copy of a program of the initramfs (with its debug
    information: the initramfs has stripped ones), or None."""
    for d in ('glibc', 'bin'):
        path = os.path.join(args.user_dir, d, prog)
        if os.path.isfile(path):
            return path
    return None


def gdb_on_core(program, core, commands):
    """The output of gdb -batch on program and core with these commands."""
    cmd = ['gdb', '-batch', '-nx', program, core]
    for c in commands:
        cmd += ['-ex', c]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    return run.stdout + run.stderr


GDB_THREAD_LINE = re.compile(r'^\*?\s+\d+\s+(?:Thread 0x[0-9a-f]+ \(LWP (\d+)\)|LWP (\d+))', re.M)


def run_core_gdb_check(args, tally):
    """make test's post-mortem: crash-threads' core, opened by the host's
    gdb with the unstripped program, shows SIGSEGV, the worker stopped in
    crash_here (the current thread, so `bt` starts there), two threads,
    and main waiting in sleeper_wait."""
    label = 'core_gdb_backtrace_and_threads'
    program = unstripped(args, 'crash-threads')
    if not shutil.which('gdb') or not program:
        tally.fail(label, 'needs gdb and build/user/glibc/crash-threads')
        return
    core = fetch_core(args, tally, 'crash-threads')
    if not core:
        tally.fail(label, 'no core file came over COM2')
        return
    out = gdb_on_core(program, core, ['bt', 'info threads', 'thread apply all bt'])
    bt = out.partition('\n  Id ')[0]
    lwps = {a or b for a, b in GDB_THREAD_LINE.findall(out)}
    problems = [w for w, ok in [
        ('"Program terminated with signal SIGSEGV"', 'Program terminated with signal SIGSEGV' in out),
        ('frame #0 in crash_here', re.search(r'^#0 .* in crash_here \(', bt, re.M)),
        ('two threads in info threads', len(lwps) == 2),
        ('sleeper_wait in the other thread\'s bt', 'in sleeper_wait ()' in out),
        ('no truncated core or unreadable memory', 'truncated' not in out and 'Cannot access' not in out),
    ] if not ok]
    if problems:
        tally.fail(label, f'missing {problems}; gdb output:\n' + out)
    else:
        first = re.search(r'^#0 .*$', bt, re.M).group(0)
        tally.ok(label, f'  [{core}: {first}; LWPs {sorted(lwps)}]')


def run_core_only(args, tally, prog):
    """make core PROG=NAME: fetch /bin/NAME's core and show gdb's bt."""
    program = unstripped(args, prog)
    core = fetch_core(args, tally, prog)
    if not core or not program:
        tally.fail(f'core of {prog}', 'no core file' if program else f'no program {prog} in the build')
        return
    print(gdb_on_core(program, core, ['bt', 'info threads']))
    print(f'# the core: {core}; open it with: gdb {program} {core}')
    tally.ok(f'core of {prog}')


def leak_reported(b, kt, counter):
    """Did the suite's no_leaks case fail, naming `counter`?"""
    return any(r[1] == 'no_leaks' and r[2] == 'not ok' for r in kt.results) \
        and any(f'no_leaks: {counter} was' in l for l in b.lines)


def skip_fails_the_run(b, kt):
    """Counted as every Tasklab boot is counted, does a skipped case fail?"""
    quiet = Tally(quiet=True)
    count_results(quiet, kt, b.lines)
    return any(r[3] == 'SKIP' for r in kt.results) and 'ktest_selftest.skips' in quiet.failures


def run_user_platform_check(args, tally):
    """A user test program that takes itself to be on Tasklab (no
    KTAP_PLATFORM in its environment) while uname says otherwise, as a
    changed uname string would look on Tasklab, must fail rather than skip:
    run so under qemu-i386, it bails out with status 2 before any case."""
    qemu_user = shutil.which('qemu-i386')
    path = os.path.join(args.user_dir, 'bin', 'utest_libc')
    if not qemu_user:
        tally.fail('harness_user_platform_mismatch_fails', 'qemu-i386 (qemu-user) not installed')
        return
    env = {k: v for k, v in os.environ.items() if k != 'KTAP_PLATFORM'}
    try:
        run = subprocess.run([qemu_user, path], capture_output=True, text=True, timeout=60, env=env)
        out, status = run.stdout, run.returncode
    except subprocess.TimeoutExpired:
        out, status = '', 'timeout'
    if status == 2 and 'Bail out!' in out and '# SKIP' not in out and ' ok 1 ' not in out:
        tally.ok('harness_user_platform_mismatch_fails',
                 '  [utest_libc without KTAP_PLATFORM under qemu-i386 bailed out: '
                 + out.split('Bail out! ', 1)[1].split('\n')[0] + ']')
    else:
        tally.fail('harness_user_platform_mismatch_fails',
                   f'exit status {status}, expected 2 with a Bail out! line:\n{out[-1500:]}')


def run_schedule_plot_check(args, tally):
    """make bench's scheduler figures and plot (tests/bench.py): the
    schedule_scan benchmark under both schedulers, the O(1) goals of issue
    14 (10,000 runnable tasks cost at most 1.5 times 10; at 10 no worse
    than goodness), and the SVG drawn from them parses as XML with one
    line of 4 points per scheduler."""
    import xml.etree.ElementTree as ET
    import bench
    plot = os.path.join(os.path.dirname(args.kernel), 'bench', 'schedule_cost_check.svg')
    figs = {}
    for sched in bench.SCHEDS:
        b = boot(args.kernel, append=f'bench=schedule_scan sched={sched} slab_debug=off',
                 timeout=120, extra=ICOUNT, count_syscalls=False)
        figs[sched] = {m.group(1): int(m.group(2))
                       for m in map(bench.FIGURE.match, (l.strip() for l in b.lines)) if m}
    if os.path.exists(plot):
        os.remove(plot)
    cost = {s: [figs[s].get(f'schedule_{n}_runnable') for n in bench.SIZES] for s in figs}
    if not all(all(v) for v in cost.values()):
        tally.fail('bench_schedule_plot', f'missing schedule_N_runnable figures: {cost}')
        return
    bench.write_plot(figs, plot)
    try:
        svg = ET.parse(plot).getroot()
        lines = svg.findall('{http://www.w3.org/2000/svg}polyline')
        points = [len(l.get('points').split()) for l in lines]
    except (OSError, ET.ParseError) as e:
        tally.fail('bench_schedule_plot', f'{plot} is not well-formed: {e}')
        return
    o1, good = cost['o1'], cost['goodness']
    if points == [4, 4] and o1[-1] <= 1.5 * o1[0] and o1[0] <= good[0]:
        tally.ok('bench_schedule_plot', f'  [O(1) {o1}, goodness {good}; {plot} well-formed]')
    else:
        tally.fail('bench_schedule_plot', f'O(1) {o1}, goodness {good}, plot lines {points}: '
                   'the O(1) goals or the plot failed')


def run_harness_checks(args, tally):
    """The runner must fail a broken test, a panic, a hang, a leak and a
    skip on Tasklab."""
    checks = [
        ('harness_reports_failed_expect', 'ktest_selftest.broken_expect', 20,
         lambda b, kt, p: any(r[1] == 'broken_expect' and r[2] == 'not ok' for r in kt.results)
         and any('Expected 1 + 1 == 3' in l for l in b.lines)),
        ('harness_reports_panic', 'ktest_selftest.panics', 20,
         lambda b, kt, p: any('kernel panic while running ktest_selftest' in x for x in p)),
        ('harness_reports_fault_and_goes_on',
         'ktest_selftest.faults,ktest_selftest.runs_after_fault', 20,
         lambda b, kt, p: [(r[1], r[2]) for r in kt.results if r[1] != 'no_leaks'] ==
         [('faults', 'not ok'), ('runs_after_fault', 'ok')]
         and any('unexpected page fault' in l and 'cr2 0x10' in l for l in b.lines)),
        ('harness_reports_hang', 'ktest_selftest.hangs', 8,   # room for a slow boot
         lambda b, kt, p: any(x.startswith('timed out') and 'ktest_selftest' in x for x in p)),
        ('harness_reports_page_leak', 'mm_leak_selftest.leaks_a_page', 20,
         lambda b, kt, p: leak_reported(b, kt, 'free_pages')),
        ('harness_reports_slab_leak', 'mm_leak_selftest.leaks_a_slab_object', 20,
         lambda b, kt, p: leak_reported(b, kt, 'slab_objects')),
        ('harness_reports_kmap_leak', 'mm_leak_selftest.leaks_a_kmap', 20,
         lambda b, kt, p: leak_reported(b, kt, 'kmap_slots')),
        ('harness_reports_tasklab_skip', 'ktest_selftest.skips', 20,
         lambda b, kt, p: skip_fails_the_run(b, kt)),
    ]
    for label, test, timeout, verdict in checks:
        b = boot(args.kernel, append=f'test={test}', timeout=timeout)
        kt = Ktap(b.lines)
        problems = boot_problems(b, kt)
        if verdict(b, kt, problems):
            tally.ok(label, f'  [{test} was reported as a failure]')
        else:
            tally.fail(label, f'{test} was not reported as a failure: {problems}')
    if args.user_dir:
        run_user_platform_check(args, tally)


# The hardening should-panic cases (arch/i386/test_hardening.c) whose
# protection has a command-line switch, and the switch that turns it off.
PROTECTION_OFF_CHECKS = [
    ('hardening.write_to_kernel_text_oopses', 'rodata=off'),
    ('hardening.smap_kernel_read_of_user_address_oopses', 'nosmap'),
    ('hardening.smep_kernel_jump_into_user_page_oopses', 'nosmep'),
    # the lock checker's cases: on one CPU each bug runs through unharmed
    # when the checker is off, so it is the checker that stops them
    ('lockdep.lock_inversion_panics', 'nolockdep'),
    ('lockdep.mutex_under_spinlock_panics', 'nolockdep'),
    ('lockdep.schedule_under_spinlock_panics', 'nolockdep'),
    ('lockdep.irq_lock_taken_with_irqs_on_panics', 'nolockdep'),
]


def run_fuzz_check(args, tally):
    """make test's fuzz run: /bin/fuzz as PID 1 for --fuzz-seconds with
    seed --fuzz-seed, judged by tests/fuzz.py; and, with the harness
    checks, the fuzz judge's own (a leaking, panicking, hanging kernel)."""
    import fuzz
    run = fuzz.run_fuzz(args.kernel, INITRD, args.fuzz_seconds, args.fuzz_seed, workers=4,
                        extra=args.append, smp=args.smp, mttcg=args.mttcg)
    if run.ok:
        tally.ok('fuzz_run', f'  [{run.summary()}; seed {args.fuzz_seed}, {run.seconds:.0f} s]')
    else:
        tally.fail('fuzz_run', f'seed {args.fuzz_seed}: ' + '; '.join(run.problems))
    if not args.no_harness_checks:
        fuzz.run_selftests(args.kernel, INITRD, lambda name, ok, why: tally.ok(name, f'  [{why}]')
                           if ok else tally.fail(name, why))


def run_protection_off_checks(args, tally):
    """Without its protection, each case must run to its end unharmed and
    be reported `not ok` because no panic came."""
    for name, switch in PROTECTION_OFF_CHECKS:
        label = f'{name} fails with {switch}'
        b = boot(args.kernel, append=f'test={name} ktest_panic_ok {switch}', timeout=20)
        kt = Ktap(b.lines)
        case = name.split('.', 1)[1]
        failed = any(r[1] == case and r[2] == 'not ok' for r in kt.results)
        if failed and panic_text(b.lines) is None and any('none happened' in l for l in b.lines):
            tally.ok(label, '  [no panic without the protection]')
        else:
            tally.fail(label, f'expected a clean run reporting no panic: {boot_problems(b, kt)}')


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default='build/tasklab.elf')
    ap.add_argument('--test', default='*', help='test= glob for the main boot')
    ap.add_argument('--append', default='', help='extra kernel command line')
    ap.add_argument('--timeout', type=float,
                    help='seconds for the main boot: 60, or 150 with --smp above 1 (N vCPUs '
                         'share the host: round-robin TCG runs them on one host thread, and '
                         'with smpsched every suite spreads its tasks over them)')
    ap.add_argument('--mem', default='2G', help='guest RAM for the test boots (QEMU -m)')
    ap.add_argument('--iso', help='also boot this GRUB ISO')
    ap.add_argument('--gdb-check', action='store_true')
    ap.add_argument('--gdb-only', action='store_true')
    ap.add_argument('--no-harness-checks', action='store_true')
    ap.add_argument('--glibc-on-tasklab', action='store_true',
                    help='also boot the glibc pthread programs and claim c23 on Tasklab '
                         '(always done when GLIBC_ON_TASKLAB is on)')
    ap.add_argument('--initrd', help='initramfs to pass with -initrd (module 0)')
    ap.add_argument('--user-dir', help='run build/user/bin/utest_* under qemu-i386')
    ap.add_argument('--core', metavar='PROG',
                    help='only crash /bin/PROG on Tasklab with core dumps on, bring its core '
                         'back over COM2 (next to --kernel) and show gdb\'s bt (needs --user-dir)')
    ap.add_argument('--fuzz-seconds', type=int, default=0,
                    help='also run the system-call fuzzer this long (needs --initrd)')
    ap.add_argument('--fuzz-seed', type=int, default=1)
    ap.add_argument('--smp', type=int, default=1, help='CPUs for every boot (QEMU -smp N)')
    ap.add_argument('--mttcg', action='store_true',
                    help='multi-threaded TCG (-accel tcg,thread=multi) for the boots without -icount')
    ap.add_argument('--expect-cpus', type=int,
                    help='the main boot must say it brought up this many CPUs')
    ap.add_argument('-v', '--verbose', action='store_true', help='print the kernel output')
    args = ap.parse_args()
    if args.timeout is None:
        args.timeout = 60 if args.smp == 1 else 150
    global INITRD, CPU, MTTCG
    INITRD = args.initrd
    if args.smp > 1:
        CPU = CPU + ['-smp', str(args.smp)]
    if args.mttcg:
        MTTCG = ['-accel', 'tcg,thread=multi']
    tally = Tally()
    start = time.monotonic()
    if args.gdb_only:
        run_gdb_checks(args, tally)
    elif args.core:
        run_core_only(args, tally, args.core)
    else:
        # the core_gdb case needs a COM2: only its own boot runs it
        kt = run_main(args, tally) if args.test != CORE_GDB_CASE else None
        run_extra_boots(args, tally)
        run_second_sched(args, tally)
        if args.user_dir and args.test in ('*', CORE_GDB_CASE):
            run_core_gdb_check(args, tally)
        for name in kt.should_panic if kt else []:
            run_should_panic(args, tally, name)
        if args.test == '*':
            run_monitor_check(args, tally)
            if INITRD:
                run_init_check(args, tally)
                run_init_job_control_check(args, tally)
                console.run_console_checks(args, tally)     # BusyBox at the console
                trace_check.run_trace_checks(args, tally)   # make trace, the timeline in chromium
        if args.iso:
            run_iso(args, tally)
        if args.gdb_check and not shutil.which('gdb'):
            tally.fail('gdb checks', 'gdb is not installed (Debian package gdb)')
        elif args.gdb_check:
            run_gdb_checks(args, tally)
        if args.user_dir:
            run_user_on_linux(args, tally)
            run_ps_on_linux(args, tally)
        if args.fuzz_seconds and INITRD and args.test == '*':
            run_fuzz_check(args, tally)
        if not args.no_harness_checks and args.test == '*':
            run_harness_checks(args, tally)
            run_schedule_plot_check(args, tally)
            run_protection_off_checks(args, tally)
    print(f'# total time {time.monotonic() - start:.1f} s')
    if tally.failures:
        print('# failed: ' + ', '.join(tally.failures))
    line = f'{tally.passed} passed, {tally.failed} failed'
    if tally.skipped:
        line += f', {tally.skipped} skipped'
    print(line)
    sys.exit(1 if tally.failed or tally.passed == 0 else 0)


if __name__ == '__main__':
    main()
