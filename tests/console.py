#!/usr/bin/env python3
"""tests/console.py: BusyBox at Tasklab's console, driven as a person would.

Boots the kernel with the initramfs in QEMU as `make run` does (BusyBox init,
/etc/init.d/rcS, a login shell on the console), waits for the prompt, types
each command a key at a time, waits for the next prompt and checks what the
command printed. The checks are data (CHECKS below), in three sessions, each
its own boot:
  main      most commands, then `exit` (init starts a new login shell) and
            `poweroff`;
  more      files made and removed, background jobs, ^C, ^Z and fg, killall
            (a shell without a terminal's job control can get stuck here,
            and a file a failing rm leaves would look like a leak: so this
            one boots apart);
  baseline  `exit` and `poweroff` at the first prompt;
and a fourth boot types `reboot -f` and must see the machine reset and the
kernel boot again.
A check is enabled (pending None) or pending: pending names what is still
missing. An enabled check that fails is a failure. A pending check is still
run: while it fails it is reported as pending, never as passed; once it
passes it is reported as a failure too, so that it gets enabled (pending
set to None here, and taken off docs/console.md's list of what does not
work yet). Besides the command checks: every session ends with a power off
(QEMU's exit status 33), and the main session and the baseline must power
off with the same free pages, slab objects and tasks (the kernel logs them
at power off): the commands leaked nothing.

The kernel runs with loglevel=8, so each system call it lacks is logged as
it happens ("syscall N: not implemented (ENOSYS)"); those lines are taken
out of the output before the checks and reported per command, and no line
"Function not implemented" may appear anywhere (a check of its own).

Used by tests/run.py (make test); also runs alone:
  python3 tests/console.py --kernel build/tasklab.elf --initrd build/initramfs.cpio
(--smp 4 --mttcg --append smpsched: on four CPUs, as run.py passes its own.)
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
EXIT_POWER_OFF = 33             # reboot(POWER_OFF): isa-debug-exit 0x10
PROMPT = re.compile(r'root@tasklab:[^\n#]*# ')   # PS1 of user/rootfs-busybox/etc/profile
ENOSYS_LINE = re.compile(r'\[\s*\d+\.\d+\] syscall (\d+): not implemented \(ENOSYS\), '
                         r'pid \d+ \(([^)]*)\)\n')
POWER_OFF_LINE = re.compile(r'reboot: at power off: (\d+) tasks, (\d+) free pages, '
                            r'(\d+) slab objects')
KEY_DELAY = 0.005               # seconds between typed keys
COMMAND_TIMEOUT = 20            # seconds for a command to give the prompt back
BOOT_TIMEOUT = 60

# i386 numbers of the calls BusyBox and glibc were seen to reach for.
SYSCALL_NAMES = {15: 'chmod', 21: 'mount', 36: 'sync', 39: 'mkdir', 52: 'umount2',
                 102: 'socketcall', 116: 'sysinfo', 142: '_newselect', 168: 'poll',
                 172: 'prctl', 239: 'sendfile64', 306: 'fchmodat', 386: 'rseq',
                 403: 'clock_gettime64',
                 407: 'clock_nanosleep_time64', 412: 'utimensat_time64'}

# A check that fails today for want of a kernel piece names it as
# pending='what is missing (the branch building it)'; none is pending now.


def check(name, steps, want=(), pending=None, session='main', absent=()):
    """A check: steps are the lines typed, each waited for until the prompt
    comes back (or ('keys', text) for keys sent without waiting for a
    prompt, ('sleep', s) to wait); want are regexes what they printed must
    match (re.M), absent ones it must not."""
    return {'name': name, 'steps': steps, 'want': want, 'absent': absent,
            'pending': pending, 'session': session}


CHECKS = [
    check('boot_init_runs_rcS_script', [],
          want=[r'init: PID 1 \(mm NULL\) execs /sbin/init'],
          absent=[r'not an ELF file', r'sethostname']),
    check('echo', ['echo hello-$((6*7))'], want=[r'^hello-42$']),
    check('uname_a', ['uname -a'], want=[r'^Linux tasklab 4\.4\.0-tasklab #1 .* i686']),
    check('hostname_from_rcS', ['hostname'], want=[r'^tasklab$']),
    check('hostname_set', ['hostname box1; uname -n; hostname tasklab; hostname'],
          want=[r'^box1\ntasklab$']),
    check('id_root', ['id'], want=[r'^uid=0\(root\) gid=0\(root\)']),
    check('su_user_id_groups', ['su user -c id'],
          want=[r'^uid=1000\(user\) gid=1000\(user\) groups=100\(users\),1000\(user\)$']),
    check('dmesg_head', ['dmesg | head -3'],
          want=[r'^\[\s*0\.000000\] Tasklab \S+ \(i386\) booting']),
    check('threads_max_read_write', ['cat /proc/sys/kernel/threads-max',
                                     'echo 40000 > /proc/sys/kernel/threads-max',
                                     'cat /proc/sys/kernel/threads-max'],
          want=[r'^\d+$', r'^40000$']),
    check('ulimit_u', ['ulimit -u'], want=[r'^\d+$']),
    check('ls_root', ['ls /'], want=[r'\bbin\b', r'\bproc\b', r'\bsbin\b']),
    check('ps_efj', ['ps -efj'],
          want=[r'^UID +PID +PPID +PGID +SID +C STIME TTY +TIME CMD$',
                r'^root +2 +0 +0 +0 .*\[kthreadd\]$', r'^root +1 +0 +1 +1 .* init$']),
    check('ps', ['ps'], want=[r'^  PID TTY +TIME CMD$', r' sh$']),
    check('proc_self_status', ['cat /proc/self/status'],
          want=[r'^Name:\s+cat$', r'^Pid:\s+\d+$']),
    check('free', ['free'], want=[r'^Mem:\s+\d+\s+\d+\s+\d+']),
    check('uptime', ['uptime'], want=[r'up +(\d+ min|\d+:\d\d),.*load average: \d\.\d\d'],
          absent=[r'days']),
    check('top_batch', ['top -b -n 1'], want=[r'^Mem:', r'PID +PPID +USER']),
    check('mkdir', ['mkdir /d && ls -ld /d && rmdir /d'],
          want=[r'^drwxr-xr-x +2 root +root .* /d$'], session='more'),
    check('script', ["printf '#!/bin/sh\\necho \"script: $0 $*\"\\n' > /s.sh",
                     'chmod +x /s.sh', '/s.sh a b', 'rm /s.sh'],
          want=[r'^script: /s\.sh a b$'], session='more'),
    # The user's shell ends at the failed fork (sh -c is not interactive),
    # before its wait: `sleep 3` outlasts its sleeps, so none is left at
    # power off for the leak check.
    check('fork_loop_as_user', ["su user -c 'ulimit -u 10; for i in 1 2 3 4 5 6 7 8 9 10 11 12;"
                                " do sleep 2 & done; wait'", 'echo shell-alive', 'sleep 3'],
          want=[r"can't fork: Resource temporarily unavailable", r'^shell-alive$'],
          absent=[r"can't open"]),
    check('sleep_and_wait', ['sleep 1 & wait; echo waited'], want=[r'^waited$'],
          absent=[r"can't open"], session='more'),
    # Sleeps shorter than COMMAND_TIMEOUT: where killall fails, wait still
    # returns and the session goes on to the checks after this one.
    check('killall_sleep', ['sleep 8 & sleep 8 &', 'killall sleep; wait; echo killed'],
          want=[r'^killed$', r'Terminated'], absent=[r"can't open", r'killall:'],
          session='more'),
    check('ctrl_z_fg', [('keys', 'sleep 3\n'), ('sleep', 1), ('keys', '\x1a'), 'fg',
                        'echo status=$?'],
          want=[r'Stopped', r'^status=0$'], session='more'),
    check('ctrl_c', [('keys', 'sleep 100\n'), ('sleep', 1), ('keys', '\x03'), 'echo status=$?'],
          want=[r'^status=130$'], session='more'),
    # The tracer as the README's "Watching it run" shows it: tracee's two
    # threads switch with no CR3 write; junk in set_event is EINVAL; an
    # empty trace_pipe blocks until ^C.
    check('tracefs', ['mount -t tracefs nodev /sys/kernel/tracing', 'cd /sys/kernel/tracing',
                      'echo sched_process_exec sched_switch > set_event', 'tracee',
                      'echo 0 > tracing_on', 'grep sched_process_exec trace',
                      "grep -m 1 'prev_comm=tracee .*next_comm=tracee .*cr3=0' trace",
                      'echo foo > set_event', 'echo 1 > tracing_on', 'echo > trace',
                      ('keys', 'cat trace_pipe\n'), ('sleep', 1), ('keys', '\x03'),
                      'echo status=$?', 'cd /', 'umount /sys/kernel/tracing'],
          want=[r'^tracee: done$', r'sched_process_exec: filename=/bin/tracee pid=\d+ old_pid=\d+$',
                r'^ +tracee-\d+ +\( *\d+\) \[\d{3}\] +\d+\.\d{6}: sched_switch: .* cr3=0$',
                r'write error: Invalid argument', r'^status=130$'], session='more'),
]
# Checked over every session's whole output, after the command checks.
NO_ENOSYS_MESSAGES = check('no_function_not_implemented', [],
                           absent=[r'Function not implemented'])


def console_for(args, reboot=False):
    """A Console booted as args say: kernel, initrd, and optionally append
    (more boot words), smp and mttcg, as tests/run.py has them."""
    return Console(args.kernel, args.initrd, append=getattr(args, 'append', ''), reboot=reboot,
                   smp=getattr(args, 'smp', 1), mttcg=getattr(args, 'mttcg', False))


class Console:
    """One boot: QEMU with the serial console on a pipe."""

    def __init__(self, kernel, initrd, append='', mem='512M', reboot=False, smp=1, mttcg=False):
        """smp: QEMU -smp N; mttcg: multi-threaded TCG (tests/run.py's
        --smp and --mttcg, so that the sessions boot as the suite does)."""
        cmd = [QEMU, '-m', mem, '-cpu', 'max', '-display', 'none', '-serial', 'stdio',
               '-monitor', 'none',
               '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04',
               '-kernel', kernel, '-initrd', initrd, '-append', f'loglevel=8 {append}'.strip()]
        if smp > 1:
            cmd += ['-smp', str(smp)]
        if mttcg:
            cmd += ['-accel', 'tcg,thread=multi']
        if not reboot:
            cmd.append('-no-reboot')    # a reset ends QEMU (a triple fault would loop)
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT)
        self.raw = ''
        self.status = None

    def pump(self, seconds):
        """Read what QEMU prints for up to `seconds`; False once it has exited."""
        end = time.monotonic() + seconds
        fd = self.proc.stdout.fileno()
        while True:
            left = end - time.monotonic()
            ready, _, _ = select.select([fd], [], [], max(0, min(left, 0.1)))
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    self.status = self.proc.wait()
                    return False
                self.raw += chunk.decode('utf-8', 'replace').replace('\r', '')
            elif left <= 0:
                return True

    def text(self):
        """The output without the kernel's ENOSYS lines."""
        return ENOSYS_LINE.sub('', self.raw)

    def enosys(self):
        return ENOSYS_LINE.findall(self.raw)

    def wait_for(self, regex, start, timeout):
        """Wait until regex matches the text from start; the match or None."""
        end = time.monotonic() + timeout
        while True:
            m = regex.search(self.text(), start)
            if m or self.status is not None:
                return m
            if time.monotonic() > end:
                return None
            self.pump(0.2)

    def type(self, keys):
        for k in keys:
            try:
                self.proc.stdin.write(k.encode())
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError):
                return
            self.pump(KEY_DELAY)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.status = self.proc.wait() if self.status is None else self.status


def command_output(con, mark, prompt, line):
    """What a command printed: the text from mark (where it was typed) to
    the prompt, less the echo of the typed line (BusyBox's line editing
    echoes it, with the terminal's ECHO off; a terminal left with ECHO on
    would echo it a second time, and both are taken out)."""
    lines = con.text()[mark:prompt.start()].split('\n')
    while lines and lines[0] == line:
        lines.pop(0)
    return '\n'.join(lines)


def run_steps(con, steps):
    """Type a check's steps; what they printed (the commands' outputs and
    what came after keys sent without a prompt to wait for), or None if a
    prompt did not come back."""
    out = ''
    for step in steps:
        if step[0] == 'sleep':
            con.pump(step[1])
            continue
        if step[0] == 'keys':
            mark = len(con.text())
            con.type(step[1])
            con.pump(0.5)
            # What keys brought may end in a prompt with no newline: the
            # next step's output starts a line of its own.
            out += con.text()[mark:].rstrip('\n') + '\n'
            continue
        mark = len(con.text())
        con.type(step + '\n')
        prompt = con.wait_for(PROMPT, mark + len(step), COMMAND_TIMEOUT)
        if not prompt:
            return None
        out += command_output(con, mark, prompt, step)
    return out


def verdict(chk, out):
    """None if out satisfies the check, else why not."""
    if out is None:
        return 'no prompt came back'
    missing = [w for w in chk['want'] if not re.search(w, out, re.M)]
    present = [a for a in chk['absent'] if re.search(a, out, re.M)]
    if missing or present:
        return (f'missing {missing} ' if missing else '') + (f'present {present}' if present else '')
    return None


class Report:
    """Results in the runner's terms: ok/FAIL lines, pending ones apart."""

    def __init__(self, tally):
        self.tally = tally
        self.pending_open = []

    def result(self, chk, why, out):
        name = f'console:{chk["name"]}'
        if chk['pending'] is None:
            if why is None:
                self.tally.ok(name)
            else:
                self.tally.fail(name, f'{why}\n--- output ---\n{(out or "")[-1500:]}')
        elif why is None:
            self.tally.fail(name, f'passes now: enable it in tests/console.py (pending '
                                  f'"{chk["pending"]}") and take it off docs/console.md\'s list')
        else:
            self.pending_open.append(chk['name'])
            print(f'pending {name}: not working yet ({chk["pending"]}): {why.strip()[:160]}')


def enosys_summary(calls):
    names = {}
    for nr, comm in calls:
        key = f'{nr} {SYSCALL_NAMES.get(int(nr), "?")}'
        names.setdefault(key, set()).add(comm)
    return ', '.join(f'{k} ({"/".join(sorted(v))})' for k, v in sorted(names.items())) or 'none'


POWER_DOWN = re.compile(r'reboot: Power down')


def power_off(con):
    """`poweroff` (BusyBox init ends everything, then reboot(2)); if QEMU
    is still there 10 s later, `poweroff -f` (reboot(2) at once). Returns
    which one ended it, or None. (The shell may print a prompt as init's
    SIGTERM reaches it: the power-off line is what is waited for.)"""
    for cmd in ('poweroff', 'poweroff -f'):
        mark = len(con.text())
        con.type(cmd + '\n')
        con.wait_for(POWER_DOWN, mark + len(cmd), 10)
        con.pump(0.5)
        if con.status is not None:
            return cmd
    return None


def new_login_shell(con):
    """`exit`: the login shell ends and BusyBox init starts another
    (respawn). The shell that ran the commands keeps until it exits what a
    process makes for itself as it goes (booted with syscall_counts, the
    kernel's per-process system call counts take a chunk at a call
    number's first use: pipe2 or prlimit64 add one), so each session, the
    baseline too, powers off from a fresh shell: the power-off line then
    counts only what outlives its owner, and the login shell's exit (its
    terminal's hangup) is part of what must leak nothing. The new prompt's
    match, or None."""
    mark = len(con.text())
    con.type('exit\n')
    return con.wait_for(PROMPT, mark + len('exit'), BOOT_TIMEOUT)


def run_session(args, session, report, log):
    """Boot, run the session's checks, power off; what the power-off line
    said and which command ended the session."""
    con = console_for(args)
    try:
        first = con.wait_for(PROMPT, 0, BOOT_TIMEOUT)
        if not first:
            why = ('no BusyBox prompt: the initramfs has Tasklab\'s own init (no BusyBox: '
                   'see build/busybox/status)' if 'tasklab# ' in con.text() else 'no prompt')
            report.tally.fail(f'console:{session}_boot', f'{why}\n{con.text()[-1500:]}')
            return None, None
        log.append(('boot', con.enosys()))
        stuck = None
        for chk in [c for c in CHECKS if c['session'] == session]:
            if stuck:
                report.result(chk, f'not reached: the shell was stuck after {stuck}', None)
                continue
            seen = len(con.enosys())
            out = con.text()[:first.end()] if not chk['steps'] else run_steps(con, chk['steps'])
            log.append((chk['name'], con.enosys()[seen:]))
            report.result(chk, verdict(chk, out), out)
            if out is None:
                stuck = chk['name']       # the rest cannot run in this boot
        if not stuck and not new_login_shell(con):
            stuck = 'exit (no new login shell)'
        ended_by = None if stuck else power_off(con)
    finally:
        con.close()
    name = f'console:{session}_powers_off'
    if stuck:
        print(f'# console: the {session} session was stuck after {stuck}; QEMU killed')
        return None, None
    if ended_by and con.status == EXIT_POWER_OFF and 'reboot: Power down' in con.raw:
        report.tally.ok(name, f'  [{ended_by}: QEMU exit status {con.status}]')
    else:
        report.tally.fail(name, f'exit status {con.status} (want {EXIT_POWER_OFF})\n{con.raw[-1500:]}')
    args.outputs.append(con.text())
    m = POWER_OFF_LINE.search(con.raw)
    return (m.groups() if m else None), ended_by


def run_restart(args, tally):
    """`reboot -f` (reboot(2) RESTART at once) resets the machine: the
    kernel says so and boots again (QEMU here without -no-reboot)."""
    con = console_for(args, reboot=True)
    try:
        booted = con.wait_for(PROMPT, 0, BOOT_TIMEOUT)
        if booted:
            con.type('reboot -f\n')
            con.wait_for(re.compile(r'Tasklab \S+ \(i386\) booting'), booted.end(), BOOT_TIMEOUT)
    finally:
        con.close()
    text = con.text()
    banners = len(re.findall(r'Tasklab \S+ \(i386\) booting', text))
    if booted and 'reboot: Restarting system' in text and banners == 2:
        tally.ok('console:reboot_f_restarts', '  [reboot: Restarting system, then a second boot]')
    else:
        tally.fail('console:reboot_f_restarts', f'{banners} boot banners:\n{text[-1500:]}')


def run_console_checks(args, tally):
    """All sessions; results go to tally (tests/run.py's Tally). args has
    kernel and initrd (the paths)."""
    report, log = Report(tally), []
    args.outputs = []
    main, main_end = run_session(args, 'main', report, log)
    run_session(args, 'more', report, log)
    base, base_end = run_session(args, 'baseline', report, log)
    run_restart(args, tally)
    report.result(NO_ENOSYS_MESSAGES, verdict(NO_ENOSYS_MESSAGES, '\n'.join(args.outputs)), None)
    name = 'console:no_leak_after_commands_and_poweroff'
    if main and base and main == base and main_end == base_end:
        tally.ok(name, f'  [{main[0]} tasks, {main[1]} free pages, {main[2]} slab objects '
                       f'at power off, after the commands as right after boot]')
    else:
        tally.fail(name, f'at power off: after the commands {main} ({main_end}), '
                         f'right after boot {base} ({base_end}): (tasks, free pages, slab objects)')
    for phase, calls in log:
        if phase == 'boot' or calls:
            print(f'# console ENOSYS {phase}: {enosys_summary(calls)}')
    if report.pending_open:
        print(f'# console: {len(report.pending_open)} checks pending (not working yet; '
              f'listed in docs/console.md): {", ".join(report.pending_open)}')


def main():
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from run import run_alone
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--kernel', default='build/tasklab.elf')
    ap.add_argument('--initrd', default='build/initramfs.cpio')
    ap.add_argument('--append', default='', help='more kernel command line (e.g. smpsched)')
    ap.add_argument('--smp', type=int, default=1, help='CPUs (QEMU -smp N)')
    ap.add_argument('--mttcg', action='store_true', help='multi-threaded TCG')
    run_alone(run_console_checks, ap.parse_args())


if __name__ == '__main__':
    main()
