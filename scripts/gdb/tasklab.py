"""scripts/gdb/tasklab.py: tasks from gdb (loaded by scripts/gdbinit).

  tl-ps            the task table in `ps -efj` columns, walked from init_task
                   along task_struct.tasks, kernel threads in [brackets]
                   (the same table as the monitor's t key, kernel/ps.c),
                   plus the CPU each task last ran on (thread_info->cpu)
  tl-cpus          each CPU's current task and whether it idles
  $tl_current()    the running task on the CPU gdb has selected (QEMU's stub
                   shows one thread per vCPU: `thread 2` is CPU 1), found as
                   the kernel finds it: that CPU's $esp with the low 13 bits
                   cleared is the thread_info, whose ->task is current (no
                   global variable exists to read instead); stopped in user
                   mode, the CPU's TSS.esp0 is on the task's kernel stack
  $tl_task(pid)    the task_struct with that pid, or 0
  tl-runqueue      every online CPU's run queue (kernel/sched/sched.h: struct
                   rq): the policy running, and under O(1) each priority array's
                   bitmap and the tasks queued at each level, in pick order
                   (the monitor's q key prints the same, kernel/sched/debug.c)

Reading only guest memory and registers, they work with the kernel stopped
anywhere.
"""
import gdb

THREAD_SIZE = 8192
HZ = 100


def task_type():
    return gdb.lookup_type('struct task_struct')


def container_of(ptr, typ, member):
    offset = int(gdb.parse_and_eval(f'(unsigned long)&((struct task_struct *)0)->{member}'))
    return gdb.Value(int(ptr) - offset).cast(typ.pointer())


def tasks():
    """init_task first, then every task on the task list."""
    init = gdb.parse_and_eval('&init_task')
    yield init
    node = init['tasks']['next']
    while int(node) != int(init['tasks'].address):
        yield container_of(node, task_type(), 'tasks')
        node = node['next']


def selected_cpu():
    """QEMU's stub numbers its threads from 1, vCPU 0 first; Tasklab's CPU
    ids follow the MADT, which lists QEMU's vCPUs in the same order."""
    return gdb.selected_thread().num - 1


def current_task():
    """current on the selected CPU: from $esp in kernel mode; in user mode
    from that CPU's TSS.esp0, the top of the running task's kernel stack."""
    esp = int(gdb.parse_and_eval('$esp')) & 0xFFFFFFFF
    if int(gdb.parse_and_eval('$cs')) & 3:
        esp = int(gdb.parse_and_eval(f'init_tss[{selected_cpu()}].esp0')) - 1
    ti = gdb.Value(esp & ~(THREAD_SIZE - 1)).cast(
        gdb.lookup_type('struct thread_info').pointer())
    return ti['task']


def task_cpu(p):
    return int(p['stack'].cast(gdb.lookup_type('struct thread_info').pointer())['cpu'])


def tty_name(p):
    """The controlling terminal's name, as kernel/ps.c shows it ('?': none)."""
    if not int(p['signal']) or not int(p['signal']['tty']):
        return '?'
    return p['signal']['tty']['name'].string()


def ps_line(p):
    comm = p['comm'].string()
    cmd = comm if int(p['mm']) else f'[{comm}]'
    start = int(p['start_time']) // HZ
    used = (int(p['utime']) + int(p['stime'])) // HZ
    return (f"{'root' if int(p['uid']) == 0 else 'user':<8} {int(p['pid']):5d} "
            f"{int(p['parent']['pid']):5d} {int(p['pgid']):5d} {int(p['sid']):5d} "
            f"{task_cpu(p):3d}  0 "
            f"{start // 60 % 60:02d}:{start % 60:02d} {tty_name(p):<8} "
            f"{used // 3600:02d}:{used // 60 % 60:02d}:{used % 60:02d} {cmd}")


class TlPs(gdb.Command):
    """List tasks like `ps -efj` (kernel threads in [brackets]) with the CPU
    each last ran on; * marks current on the selected CPU."""

    def __init__(self):
        super().__init__('tl-ps', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        cur = int(current_task())
        gdb.write('  UID        PID  PPID  PGID   SID CPU  C STIME TTY          TIME CMD\n')
        for p in tasks():
            mark = '*' if int(p) == cur else ' '
            gdb.write(f'{mark} {ps_line(p)}  state={int(p["state"])}\n')


class TlCpus(gdb.Command):
    """List each CPU (each of QEMU's vCPU threads): its current task, found
    from that CPU's own $esp, and whether it is idle (its swapper, pid 0)."""

    def __init__(self):
        super().__init__('tl-cpus', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        selected = gdb.selected_thread()
        gdb.write('CPU  PID CMD              STATE\n')
        try:
            for t in sorted(gdb.selected_inferior().threads(), key=lambda t: t.num):
                t.switch()
                p = current_task()
                comm = p['comm'].string()
                mode = 'user' if int(gdb.parse_and_eval('$cs')) & 3 else 'kernel'
                state = 'idle' if int(p['pid']) == 0 else f'running ({mode})'
                gdb.write(f'{selected_cpu():3d} {int(p["pid"]):4d} {comm:<16} {state}'
                          f'  [thread_info->cpu {task_cpu(p)}]\n')
        finally:
            selected.switch()


class TlCurrent(gdb.Function):
    """$tl_current(): current task_struct * on the selected CPU, from $esp & ~8191."""

    def __init__(self):
        super().__init__('tl_current')

    def invoke(self):
        return current_task()


class TlTask(gdb.Function):
    """$tl_task(pid): the task_struct * with that pid, or 0."""

    def __init__(self):
        super().__init__('tl_task')

    def invoke(self, pid):
        for p in tasks():
            if int(p['pid']) == int(pid):
                return p
        return gdb.Value(0).cast(task_type().pointer())


def list_entries(head, member):
    """The task_structs on the list anchored at head, linked by member."""
    node = head['next']
    while int(node) != int(head.address):
        yield container_of(node, task_type(), member)
        node = node['next']


def show_array(name, array):
    words = [int(w) & 0xFFFFFFFF for w in
             (array['bitmap'][i] for i in range(array['bitmap'].type.range()[1] + 1))]
    gdb.write(f"{name} array: {int(array['nr_active'])} queued, bitmap "
              + ' '.join(f'{w:08x}' for w in words) + '\n')
    for prio in range(int(gdb.parse_and_eval('sizeof(((struct prio_array *)0)->queue)'))
                      // int(gdb.parse_and_eval('sizeof(struct list_head)'))):
        if words[prio // 32] >> (prio % 32) & 1:
            pids = [f"{int(p['pid'])}:{p['comm'].string()}"
                    for p in list_entries(array['queue'][prio], 'run_list')]
            gdb.write(f'  {prio:3d}: ' + ' '.join(pids) + '\n')


def online_cpus():
    """The CPUs of cpu_online_mask (include/cpumask.h), lowest first."""
    bits = int(gdb.parse_and_eval('__cpu_online_mask.bits'))
    return [cpu for cpu in range(bits.bit_length()) if bits >> cpu & 1]


class TlRunqueue(gdb.Command):
    """Print every online CPU's run queue: the policy, and the O(1) priority
    arrays (goodness: the one queue, CPU 0's)."""

    def __init__(self):
        super().__init__('tl-runqueue', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        policy = gdb.parse_and_eval('sched_class')['name'].string()
        cpus = online_cpus()
        rqs = {cpu: gdb.parse_and_eval(f'runqueues[{cpu}]') for cpu in cpus}
        gdb.write(f"sched={policy}: {sum(int(rq['nr_running']) for rq in rqs.values())} "
                  f"runnable on {len(cpus)} CPU(s)\n")
        for cpu, rq in rqs.items():
            gdb.write(f"cpu{cpu}: {int(rq['nr_running'])} runnable, "
                      f"running pid {int(rq['curr']['pid'])}\n")
            if policy == 'o1':
                show_array('active', rq['active'].dereference())
                show_array('expired', rq['expired'].dereference())
            elif cpu == 0:
                pids = [str(int(p['pid'])) for p in list_entries(rq['goodness_queue'], 'run_list')]
                gdb.write('queue: ' + ' '.join(pids) + '\n')


TlPs()
TlCpus()
TlCurrent()
TlTask()
TlRunqueue()
