/* include/lock_order.h: the locking law of the kernel, in one table. Every
 * shared structure is guarded by the lock named here (and in a comment at
 * the structure); a path that holds several takes them top to bottom, never
 * upwards. The lock checker (include/lockdep.h, on in make test) enforces
 * the order as it sees it happen; this table is what new code must follow
 * so that it never sees an inversion. `make test` prints every nesting it
 * observed ("# lockdep order: A -> B"), all of which agree with the table.
 *
 *  #  lock (class name)            kind        guards                          irq?
 *  -- ---------------------------- ----------- ------------------------------- ----
 *  Sleeping locks: process context, never under a spinning lock.
 *  0  tty->ldisc_mutex             mutex       a tty's line discipline (ldata,  -
 *                                              termios, output column); a read
 *                                              copies out under it (may fault)
 *     ramfs_tree_sem               rw_sem      every ramfs directory's          -
 *                                              children and link count: write
 *                                              in create/link/unlink/rename,
 *                                              read in d_lookup and readdir
 *                                              (copies out under it: may fault)
 *     pipe->mutex                  mutex       a pipe's ring and counts of ends -
 *                                              (fs/pipe.c); read and write copy
 *                                              under it (may fault)
 *  1  mm->mmap_lock                rw_sem      an mm's VMAs and layout (brk,    -
 *                                              mmap_base): write in mmap/munmap/
 *                                              mprotect/mremap/madvise/msync/brk
 *                                              and fork (the parent's), read in
 *                                              the page fault and /proc/<pid>
 *                                              memory reads. No user memory is
 *                                              touched under it.
 *  2  struct mutex, semaphore      sleeping    their users' data                up()
 *                                                                               only
 *  Spinning locks, outer to inner. Those an interrupt handler takes come
 *  after every lock held with interrupts on: the handler may arrive under
 *  any of those (the checker sees page_table_lock -> timer_lock that way).
 *  3  tasklist_lock                rwlock      task list, parentage, children,  read
 *                                              thread groups, pid hash
 *  4  sighand->siglock             spinlock    handlers, pending queues, group  no
 *                                              stop (a parent's nests inside a
 *                                              child's when it is notified)
 *  5  files->file_lock             spinlock    an open-file table               no
 *     fs->lock                     spinlock    root, pwd, umask                 no
 *  6  futex_hash_bucket.lock       spinlock    a futex bucket (two: lower       no
 *                                              address first)
 *     inode->i_mmap_lock           spinlock    the VMAs mapping a file (i_mmap): no
 *                                              a truncate zaps their PTEs and
 *                                              flushes the TLBs under it
 *  7  mm->page_table_lock          spinlock    installing a page table or PTE   no
 *                                              in the fault path, the copy-on-
 *                                              write break
 *     tlbstate_lock                spinlock    the TLB flush request in flight  no
 *                                              (arch/i386/tlb.c); held while
 *                                              the others acknowledge, with
 *                                              interrupts on
 *  8  pidmap_lock                  spinlock    the pid bitmap, last_pid         no
 *     kthread_create_lock          spinlock    kthreadd's request list          no
 *     kmap_lock                    spinlock    the pkmap slots                  no
 *     inode->i_lock                spinlock    an inode's i_pipe and the pipe's no
 *                                              files count (FIFO open, close);
 *                                              a ramfs file's page slots
 *                                              (i_pages: lookup, fill, truncate)
 *  9  itimer_lock                  spinlock    CPU itimers, ITIMER_REAL period  yes
 *  10 timer_events_lock            spinlock    the fired timer events           yes
 *     timer_lock                   spinlock    the timer list (never held while yes
 *                                              a timer function runs)
 *     serial_rx_lock               spinlock    the serial receive ring          yes
 *  11 slab_caches_lock             spinlock    the list of slab caches          yes*
 *  12 kmem_cache->lock             spinlock    one cache's slabs and counters   yes*
 *  13 zone->lock                   spinlock    a zone's buddy and pcp lists     yes*
 *  14 wait_queue_head.lock         spinlock    a wait queue (completion.done)   yes
 *     ioapic_lock                  spinlock    the I/O APIC's registers, each   yes
 *                                              IRQ's next CPU (round-robin)
 *     call_lock                    spinlock    smp_call_function's one call     no
 *                                              in flight (taken with irqs on)
 *  15 rq->lock                     spinlock    a CPU's run queue and the        yes
 *                                              scheduling fields of its tasks;
 *                                              two: lower address first
 *                                              (double_rq_lock); held across
 *                                              the switch, released by the
 *                                              next task
 *  16 trace_ring->lock             spinlock    a CPU's trace ring: events are   yes
 *                                              recorded under any lock above
 *  17 logbuf_lock                  spinlock    printk's ring: printk may be     yes
 *                                              called under any lock above
 *  18 serial_tx_lock               spinlock    the UART's transmitter: a        yes
 *                                              console line or a tty write goes
 *                                              out whole (arch/i386/serial.c)
 *
 *  irq? "yes": an interrupt handler takes it, so everyone else takes it with
 *  interrupts off (the _irq or _irqsave forms); "read": handlers may read_lock
 *  it, writers hold it with interrupts off; "no": never from a handler, a
 *  plain spin_lock will do; "yes*": allocation may come from a handler.
 *
 * The law for new code:
 *  - a structure reachable from two tasks gets a lock named in its comment;
 *  - nest only downwards in this table; a new lock gets a row here first;
 *  - a lock a handler takes is taken with interrupts off everywhere else;
 *  - nothing that sleeps (schedule, a sleeping lock, a user copy that may
 *    fault, an allocation that may wait) runs under a spinning lock;
 *  - local_irq_save() alone is for this CPU's own state only (FPU, CR3 and
 *    active_mm, kmap_atomic windows, the halt-until-interrupt idioms).
 *
 * Made safe for several CPUs: thread_info->flags (atomic bit operations,
 * asm/bitops.h), TIF_SIGPENDING recalculated under siglock, fds reserved
 * by get_unused_fd until fd_install (open_fds) and dup2/dup3's replace in
 * one step, a file used after its lookup through fget/fput in read/write/
 * readv/writev/pread/pwrite/lseek/ioctl/fstat/fcntl/dup, single task
 * lookups with a reference (find_get_task_by_pid: kill, tkill, tgkill,
 * rt_sigqueueinfo, pidfd_open, prlimit64), setpgid/setsid (writing) and
 * getpgid/getsid and the orphaned-group check (reading) under
 * tasklist_lock, a futex waiter queued before
 * it reads the word, mincore's and the core dump's VMA walks under
 * mmap_lock, the copy-on-write break under page_table_lock, TLB shootdowns
 * to every CPU of mm_cpumask, kmap_atomic windows per CPU.
 *
 * Still guarded by non-preemption alone (correct on one CPU, to be locked
 * before work runs on several): find_task_by_pid's other callers (sched
 * syscalls, /proc lookups, itimers, POSIX timers) and the other
 * for_each_process walks outside tasklist_lock (kill_pgrp and kill -1,
 * which send signals that may allocate; wait, the OOM killer, the tty's
 * job control, loadavg, sched debug); the
 * other fcheck() users (mmap, sendfile, select/poll, *at with a dirfd,
 * fchdir, fchmod/fchown, fstatfs, fsync, ftruncate, getdents, pidfd_getfd);
 * F_SETFL's f_flags update; a POSIX timer's fields (timer_get); a tty's
 * count, session, pgrp and file list. */
#ifndef TASKLAB_LOCK_ORDER_H
#define TASKLAB_LOCK_ORDER_H

#endif
