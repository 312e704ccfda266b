"""scripts/gdb/trace.py: `tl-trace [N]`, the tracer's rings from gdb.

Reads each CPU's ring (trace_rings[cpu]: slots, nr_slots, head, tail) straight
out of guest memory and prints the entries, oldest first and merged by
timestamp over the CPUs, in the same text as tracefs's trace file
(kernel/trace/trace_output.c), so the last events before a hang can be read
with the kernel stopped anywhere. N: only the last N lines. Timestamps use the
calibration trace_init made (tsc_at_boot, tsc_per_ms); before it they are
raw TSC counts scaled by the 1 GHz guess.
"""
import gdb

FAULT_KINDS = ['demand_zero', 'cow_copy', 'cow_reuse', 'file', 'stack_grow']
TLB_FLUSH_REASONS = ['flush on task switch', 'remote shootdown', 'local shootdown',
                     'local mm shootdown', 'remote ipi send']


def cstr(v):
    return v.string(errors='replace')


def sched_fields(name, e):
    if name == 'sched_switch':
        s = e['sw']
        return (f"prev_comm={cstr(e['comm'])} prev_pid={int(e['pid'])} "
                f"prev_prio={int(s['prev_prio'])} prev_state={cstr(s['prev_state'])} ==> "
                f"next_comm={cstr(s['next_comm'])} next_pid={int(s['next_pid'])} "
                f"next_prio={int(s['next_prio'])} next_tgid={int(s['next_tgid'])} "
                f"next_kthread={int(s['next_kthread'])} cr3={int(s['cr3'])}")
    if name in ('sched_wakeup', 'sched_wakeup_new'):
        t = e['task']
        return (f"comm={cstr(t['comm'])} pid={int(t['pid'])} prio={int(t['prio'])} "
                f"target_cpu={int(t['target_cpu']):03d}")
    if name == 'sched_process_fork':
        f = e['fork']
        return (f"comm={cstr(e['comm'])} pid={int(e['pid'])} child_comm={cstr(f['child_comm'])} "
                f"child_pid={int(f['child_pid'])} child_tgid={int(f['child_tgid'])} "
                f"clone_flags=0x{int(f['clone_flags']):x} parent_slice={int(f['parent_slice'])} "
                f"child_slice={int(f['child_slice'])}")
    if name == 'sched_process_exec':
        x = e['exec']
        return f"filename={cstr(x['filename'])} pid={int(x['pid'])} old_pid={int(x['old_pid'])}"
    t = e['task']
    return f"comm={cstr(t['comm'])} pid={int(t['pid'])} prio={int(t['prio'])}"


def fields(name, e):
    if name == 'sys_enter':
        a = ', '.join(f"{int(e['sys']['args'][i]):x}" for i in range(6))
        return f"NR {int(e['sys']['nr'])} ({a})"
    if name == 'sys_exit':
        return f"NR {int(e['sys']['nr'])} = {int(e['sys']['ret'])}"
    if name == 'page_fault_user':
        f = e['fault']
        return (f"address=0x{int(f['address']):x} ip=0x{int(f['ip']):x} "
                f"error_code=0x{int(f['error_code']):x} kind={FAULT_KINDS[int(f['kind'])]}")
    if name == 'signal_generate':
        s = e['sig']
        return (f"sig={int(s['sig'])} errno={int(s['errno'])} code={int(s['code'])} "
                f"comm={cstr(s['comm'])} pid={int(s['pid'])} grp={int(s['grp'])} res={int(s['res'])}")
    if name == 'signal_deliver':
        s = e['sig']
        return (f"sig={int(s['sig'])} errno={int(s['errno'])} code={int(s['code'])} "
                f"sa_handler={int(s['sa_handler']):x} sa_flags={int(s['sa_flags']):x}")
    if name == 'irq_handler_entry':
        return f"irq={int(e['irq']['irq'])} name={cstr(e['irq']['name'])}"
    if name == 'irq_handler_exit':
        return f"irq={int(e['irq']['irq'])} ret=handled"
    if name == 'ipi_raise':
        return f"target_mask={int(e['ipi']['target_mask']):08x} ({cstr(e['ipi']['reason'])})"
    if name == 'tlb_flush':
        reason = int(e['tlb']['reason'])
        return f"pages:{int(e['tlb']['pages'])} reason:{TLB_FLUSH_REASONS[reason]} ({reason})"
    return sched_fields(name, e)


def line(e, clock):
    tsc_at_boot, tsc_per_ms = clock
    ts = int(e['ts'])
    us = max(0, ts - tsc_at_boot) * 1000 // tsc_per_ms
    pid = int(e['pid'])
    comm = cstr(e['comm']) if pid else '<idle>'
    tgid = f"{int(e['tgid']):7d}" if pid else '-------'
    name = cstr(gdb.parse_and_eval('trace_event_table')[int(e['type'])]['name'])
    return (f"{comm:>16}-{pid:<7d} ({tgid}) [{int(e['cpu']):03d}] "
            f"{us // 1000000:5d}.{us % 1000000:06d}: {name}: {fields(name, e)}")


def ring_entries(cpu):
    r = gdb.parse_and_eval('trace_rings')[cpu]
    slots, n = r['slots'], int(r['nr_slots'])
    if not int(slots) or not n:
        return []
    return [slots[i % n] for i in range(int(r['tail']), int(r['head']))]


class TlTrace(gdb.Command):
    """Print the trace rings (tracefs's trace text); tl-trace N: the last N lines."""

    def __init__(self):
        super().__init__('tl-trace', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        clock = (int(gdb.parse_and_eval('tsc_at_boot')), int(gdb.parse_and_eval('tsc_per_ms')))
        entries = []
        for cpu in range(int(gdb.parse_and_eval('trace_nr_cpus'))):
            entries += ring_entries(cpu)
        entries.sort(key=lambda e: int(e['ts']))
        if arg.strip():
            entries = entries[-int(arg):]
        gdb.write(f"# tl-trace: {len(entries)} entries\n")
        for e in entries:
            gdb.write(line(e, clock) + '\n')


TlTrace()
