"""scripts/gdb/dmesg.py: `tl-dmesg`, the kernel log from gdb.

Reads printk's ring buffer (log_buf, LOG_BUF_LEN bytes, log_head = total bytes
ever written) straight out of guest memory, so the log can be read even when
the kernel is stopped or wedged.
"""
import gdb


class TlDmesg(gdb.Command):
    """Print the kernel log ring buffer (printk output, oldest first)."""

    def __init__(self):
        super().__init__('tl-dmesg', gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        buf = gdb.parse_and_eval('log_buf')
        size = int(buf.type.sizeof)
        head = int(gdb.parse_and_eval('log_head'))
        start = max(0, head - size)
        mem = gdb.selected_inferior().read_memory(buf.address, size).tobytes()
        data = bytes(mem[i % size] for i in range(start, head))
        gdb.write(data.decode('utf-8', 'replace').replace('\x01', ''))


TlDmesg()
