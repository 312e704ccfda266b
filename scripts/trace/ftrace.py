"""scripts/trace/ftrace.py: reads the kernel's tracefs `trace` text (Linux
ftrace's format with record-tgid, plus Tasklab's appended key=value fields:
the contract is README's "Watching it run") into events, and turns the
sched_switch events into runs: which task was on which CPU from when to
when, and whether the switch onto it wrote CR3. trace2json.py and
timeline.py draw from the Trace this builds; the tests check it.
Python 3 standard library only.
"""
import re

# "%16s-%-7d (%7d) [%03d] %5lu.%06lu: %s: %s". The comm may hold '-' and
# spaces: the greedy group backs off to the last "-PID (" on the line.
LINE = re.compile(r'^\s*(?P<comm>.*?)-(?P<pid>\d+)\s*\(\s*(?P<tgid>-+|\d+)\)\s+'
                  r'\[(?P<cpu>\d+)\]\s+(?P<secs>\d+)\.(?P<usecs>\d{6}):\s+'
                  r'(?P<event>\w+):\s?(?P<fields>.*)$')
# key=value pairs; a value runs up to the next " key=" (a comm may hold spaces).
FIELD = re.compile(r'(\w+)=(.*?)(?=\s+(?:==>\s+)?\w+=|\s*$)')
SYS_ENTER = re.compile(r'NR (-?\d+) \(([^)]*)\)')
SYS_EXIT = re.compile(r'NR (-?\d+) = (-?\d+)')
LOST = re.compile(r'entries-in-buffer/entries-written: (\d+)/(\d+)\s+#P:(\d+)')


class Event:
    """One line: the task it ran in (comm, pid, tgid; tgid None for the
    idle task's dashes), the CPU, the time in microseconds, the event's
    name and its fields (a dict of strings)."""
    __slots__ = ('comm', 'pid', 'tgid', 'cpu', 'ts', 'name', 'fields', 'line')

    def __init__(self, m, lineno):
        self.comm, self.pid = m['comm'], int(m['pid'])
        self.tgid = None if m['tgid'].startswith('-') else int(m['tgid'])
        self.cpu = int(m['cpu'])
        self.ts = int(m['secs']) * 1000000 + int(m['usecs'])
        self.name, self.line = m['event'], lineno
        self.fields = parse_fields(self.name, m['fields'])


def parse_fields(name, text):
    """The fields of one event as a dict; the raw_syscalls forms by hand."""
    if name == 'sys_enter':
        m = SYS_ENTER.match(text)
        return {'nr': m[1], 'args': m[2]} if m else {'raw': text}
    if name == 'sys_exit':
        m = SYS_EXIT.match(text)
        return {'nr': m[1], 'ret': m[2]} if m else {'raw': text}
    return {k: v for k, v in FIELD.findall(text)}


class TraceError(ValueError):
    pass


def parse(text):
    """(events, info) from a trace file's text. info: cpus (#P), entries,
    written (the header's counts: written - entries were lost to the
    ring), skipped (lines that are neither comments nor events, e.g. a
    kernel message that landed in the middle: returned, not hidden)."""
    events, info = [], {'cpus': None, 'entries': None, 'written': None, 'skipped': []}
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith('#'):
            m = LOST.search(line)
            if m:
                info['entries'], info['written'], info['cpus'] = map(int, m.groups())
            continue
        m = LINE.match(line)
        if m:
            events.append(Event(m, n))
        else:
            info['skipped'].append((n, line))
    return events, info


class Task:
    """What the trace says about one pid: its thread group, last comm, and
    whether it is a kernel thread (seen as next_kthread=1, or pid 0)."""
    __slots__ = ('pid', 'tgid', 'comm', 'kthread')

    def __init__(self, pid):
        self.pid, self.tgid, self.comm, self.kthread = pid, pid, '', pid == 0


class Run:
    """A task on a CPU from start to end (microseconds). cr3: the switch
    onto it wrote CR3 (None: it was already running when the trace
    began); prev: the pid it followed; state: its prev_state when it left
    (None: still running at the end of the trace)."""
    __slots__ = ('cpu', 'pid', 'start', 'end', 'cr3', 'prev', 'state')

    def __init__(self, cpu, pid, start, cr3, prev):
        self.cpu, self.pid, self.start, self.cr3, self.prev = cpu, pid, start, cr3, prev
        self.end, self.state = None, None


INSTANTS = {'sched_process_fork': 'fork', 'sched_process_exec': 'exec',
            'sched_process_exit': 'exit', 'sched_wakeup': 'wakeup',
            'sched_wakeup_new': 'wakeup_new'}


class Trace:
    """The runs per CPU, the tasks, the instants (fork, exec, exit,
    wakeups) and the CR3 writes of a parsed trace. Raises TraceError on a
    trace that contradicts itself (a CPU's time going back, a switch away
    from a task other than the one the line says is running)."""

    def __init__(self, text):
        self.events, self.info = parse(text)
        self.tasks, self.runs, self.instants, self.cr3_writes = {}, [], [], []
        self.cpus = sorted({e.cpu for e in self.events})
        self.start = min((e.ts for e in self.events), default=0)
        self.end = max((e.ts for e in self.events), default=0)
        self._build()

    def task(self, pid, tgid=None, comm=None, kthread=None):
        t = self.tasks.setdefault(pid, Task(pid))
        if tgid is not None:
            t.tgid = tgid
        if comm:
            t.comm = comm
        if kthread:
            t.kthread = True
        return t

    def _build(self):
        running, last_ts = {}, {}
        for e in self.events:
            if e.ts < last_ts.get(e.cpu, e.ts):
                raise TraceError(f'line {e.line}: CPU {e.cpu} time goes back')
            last_ts[e.cpu] = e.ts
            self.task(e.pid, e.tgid, e.comm if e.pid else 'swapper')
            if e.cpu not in running:    # what ran before the CPU's first event
                running[e.cpu] = Run(e.cpu, e.pid, self.start, None, None)
            if e.name == 'sched_switch':
                self._switch(e, running)
            elif e.name in INSTANTS:
                self._instant(e)
        for cpu, run in running.items():
            run.end = max(self.end, run.start)
            self.runs.append(run)
        self.runs.sort(key=lambda r: (r.cpu, r.start))

    def _switch(self, e, running):
        f = e.fields
        prev, nxt = int(f['prev_pid']), int(f['next_pid'])
        cur = running[e.cpu]
        if cur.pid != prev or e.pid != prev:
            raise TraceError(f'line {e.line}: switch away from {prev} on CPU {e.cpu}, '
                             f'but {cur.pid} runs there (the line names {e.pid})')
        cur.end, cur.state = e.ts, f.get('prev_state')
        self.runs.append(cur)
        tgid = int(f['next_tgid']) if 'next_tgid' in f else None
        self.task(nxt, tgid, f.get('next_comm') if nxt else 'swapper',
                  f.get('next_kthread') == '1')
        cr3 = f.get('cr3') == '1'
        running[e.cpu] = Run(e.cpu, nxt, e.ts, cr3, prev)
        if cr3:
            self.cr3_writes.append(e)

    def _instant(self, e):
        f = e.fields
        if e.name == 'sched_process_fork':
            child = int(f['child_pid'])
            self.task(child, int(f.get('child_tgid', child)), f.get('child_comm'))
        elif e.name == 'sched_process_exec':
            self.task(e.pid, comm=e.comm)
        self.instants.append((INSTANTS[e.name], e))

    def process_of(self, pid):
        """The tgid of pid (itself when the trace never said)."""
        t = self.tasks.get(pid)
        return t.tgid if t else pid

    def lost(self):
        """Events the ring overwrote before they were read (header counts)."""
        i = self.info
        return (i['written'] - i['entries']) if i['written'] is not None else 0
