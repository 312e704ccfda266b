/* include/lock_order.h: the locking law of the kernel, in one table. Every
 * shared structure is guarded by the lock named here (and in a comment at
 * the structure); a path that holds several takes them top to bottom, never
 * upwards. The lock checker (include/lockdep.h, on in make test) enforces
 * the order as it sees it happen; this table is what new code must follow
 * so that it never sees an inversion. `make test` prints every nesting it
 * observed ("# lockdep order: A -> B"), all of which agree with the table.
 * On a machine that runs one CPU the spinning locks' words are patched out
 * (include/spinlock.h); the checker and this law hold all the same.
 *
 *  #  lock (class name)            kind        guards                          irq?
 *  -- ---------------------------- ----------- ------------------------------- ----
 *  Sleeping locks: process context, never under a spinning lock.
 *  0  file->f_pos_lock             mutex       a shared regular file's or       -
 *                                              directory's f_pos across read,
 *                                              write, lseek, getdents (fdget_
 *                                              pos, when f_count > 1): taken
 *                                              before the calls' own locks
 *     inode->i_rwsem               rw_sem      a regular file's writes and      -
 *                                              size (write held across a write,
 *                                              O_APPEND's end read in it, and a
 *                                              truncate); a write copies from
 *                                              user memory under it (a fault
 *                                              takes mmap_lock), the core dump
 *                                              takes it before mmap_lock
 *     tty_mutex                    mutex       open, release and hangup of      -
 *                                              every tty: its count and
 *                                              tty_files; a session acquiring
 *                                              a terminal (open, TIOCSCTTY)
 *     tty->ldisc_mutex             mutex       a tty's line discipline (ldata,  -
 *                                              termios, output column); a read
 *                                              copies out under it (may fault);
 *                                              inside tty_mutex
 *     namespace_sem                rw_sem      the mount table's membership:    -
 *                                              write in mount, remount and
 *                                              umount after their lookups (a
 *                                              mount's check of its mountpoint,
 *                                              umount's busy walk and teardown
 *                                              take ramfs_tree_sem inside it);
 *                                              read in /proc/mounts and
 *                                              /proc/meminfo
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
 *                                              memory reads; by trylock in the
 *                                              OOM kill's log, under spinning
 *                                              locks (a trylock waits for
 *                                              nothing: no order recorded). No
 *                                              user memory is touched under it.
 *  2  struct mutex, semaphore      sleeping    their users' data                up()
 *                                                                               only
 *     timers.posix_mutex           mutex       a process's POSIX timer list     -
 *                                              and ids, a timer call's use of
 *                                              one against its other threads
 *     oom_lock                     mutex       the OOM killer's choice (taken   -
 *                                              by trylock: one CPU chooses)
 *  Spinning locks, outer to inner. Those an interrupt handler takes come
 *  after every lock held with interrupts on: the handler may arrive under
 *  any of those (the checker sees page_table_lock -> timer_lock that way).
 *  3  tasklist_lock                rwlock      task list, parentage, children,  read
 *                                              thread groups, pid hash,
 *                                              pid->task; group signals
 *                                              (kill_pgrp, kill -1) are sent
 *                                              under it (read)
 *  4  task->alloc_lock (task_lock) spinlock    a task's mm, fs, files and       no
 *                                              sighand pointers against their
 *                                              release (exit_mm, exec_mmap,
 *                                              exit_fs, exit_files,
 *                                              exit_sighand, unshare_sighand):
 *                                              get_task_mm, fget_task,
 *                                              lock_task_sighand; taken before
 *                                              siglock and file_lock
 *     sighand->siglock             spinlock    handlers, pending queues, group  no
 *                                              stop, a process's signal->tty;
 *                                              two never nest (a parent is
 *                                              told of a child's stop or
 *                                              continue after the child's is
 *                                              dropped)
 *  5  files->file_lock             spinlock    an open-file table               no
 *     fs->lock                     spinlock    root, pwd, umask                 no
 *     tty->ctrl_lock               spinlock    a tty's session and foreground   no
 *                                              group (written together; read
 *                                              alone with READ_ONCE)
 *  6  futex_hash_bucket.lock       spinlock    a futex bucket (two: lower       no
 *                                              address first)
 *     inode->i_mmap_lock           spinlock    the VMAs mapping a file (i_mmap): no
 *                                              a truncate zaps their PTEs and
 *                                              flushes the TLBs under it
 *  7  mm->page_table_lock          spinlock    installing a page table or PTE   no
 *                                              in the fault path, the copy-on-
 *                                              write break; each PTE zapped
 *                                              (a truncate's unmap and the
 *                                              mm's munmap may meet on one)
 *     tlbstate_lock                spinlock    the TLB flush request in flight  no
 *                                              (arch/i386/tlb.c); held while
 *                                              the others acknowledge, with
 *                                              interrupts on
 *  8  pidmap_lock                  spinlock    the pid bitmap, last_pid         no
 *     kthread_create_lock          spinlock    kthreadd's request list          no
 *     kmap_lock                    spinlock    the pkmap slots; taken with      no
 *                                              interrupts on, as the flush of
 *                                              every CPU at a new round of the
 *                                              slots runs under it (call_lock)
 *     vmap_area_lock               spinlock    the vmalloc area list: insert,   no
 *                                              find, unlink (allocations and
 *                                              the TLB flush outside it)
 *     rename_lock                  spinlock    a dentry's name and parent as    no
 *                                              d_path and d_mnt read them
 *                                              (rename changes them under it
 *                                              and ramfs_tree_sem; d_path may
 *                                              run under mmap_lock)
 *     vfsmount_lock                spinlock    the mount table against the walk no
 *                                              (follow_mount, "..", d_path: a
 *                                              lookup and its dget in one hold;
 *                                              inside rename_lock when it walks
 *                                              up parents: d_mnt, d_path), a
 *                                              mount's flags; entries join and
 *                                              leave under it and namespace_sem
 *     fork_rate_lock               spinlock    the fork rate limit's tick and   no
 *                                              count (kernel/fork_limits.c)
 *     uidhash_lock                 spinlock    the user_struct hash and each    no
 *                                              record's last reference (taken
 *                                              with interrupts off: a last
 *                                              free_uid may come under
 *                                              tasklist_lock's write hold)
 *     inode->i_lock                spinlock    an inode's i_pipe and the pipe's no
 *                                              files count (FIFO open, close);
 *                                              a ramfs file's page slots
 *                                              (i_pages: lookup, fill, truncate;
 *                                              a page found is held: get_page)
 *  9  itimer_lock                  spinlock    CPU itimers, ITIMER_REAL period  yes
 *     k_itimer.it_lock             spinlock    a POSIX timer's interval and     yes
 *                                              arming against its expiry on
 *                                              another CPU (posix_timer_fn)
 *  10 timer_events_lock            spinlock    the fired timer events, the one  yes
 *                                              being sent (one CPU sends)
 *     timer_lock                   spinlock    the timer list, running_timer    yes
 *                                              (never held while a timer
 *                                              function runs: del_timer_sync
 *                                              waits for one)
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
 * one step; a file used after its lookup is held (fget/fdget and fput/
 * fdput) in every call that takes an fd: read/write and their kin, lseek,
 * ioctl, fstat, fcntl, dup, mmap, sendfile, select/poll, the *at calls
 * with a dirfd, fchdir, fchmod/fchown, futimens, fstatfs, fsync,
 * ftruncate, getdents64 and pidfd_get_pid (fcheck() is left for bare "is
 * it open" checks); another task's file through fget_task under its
 * task_lock (pidfd_getfd, /proc/<pid>/fd); F_SETFL's flags in one atomic
 * step. Task lookups by pid hold a reference (find_get_task_by_pid,
 * get_pid_task): kill, tkill, tgkill, rt_sigqueueinfo, pidfd_open,
 * pidfd_send_signal, waitid(P_PIDFD), prlimit64, the sched syscalls
 * (nice, policy, affinity, rr interval), itimer and POSIX timer signals,
 * SIGEV_THREAD_ID's thread, /proc's pid and tid lookups; or run under
 * tasklist_lock (read): CPU-time clocks, getpgid/getsid. The task-list
 * and thread walks run under tasklist_lock: kill_pgrp and kill -1 (their
 * sigqueues GFP_ATOMIC under siglock), setpriority/getpriority's groups
 * and users, setpgid/setsid (writing), the orphaned-group check, the OOM
 * killer's choice and kill (one at a time: oom_lock), the tty's job
 * control (session_clear_tty, the hangup's signals, TIOCSPGRP's group
 * check), loadavg, sched debug and ps (the monitor), sched_switch_class,
 * /proc's readdir of pids and threads and its thread counts and times,
 * getrusage and times; another task's mm through get_task_mm (/proc's
 * stat, statm, status, maps, cmdline, environ, exe) or under the task_lock
 * of a thread that has it (the OOM killer's find_lock_task_mm, whose log
 * walks its VMAs under its mmap_lock, taken by trylock), its fs
 * under its task_lock (cwd, root, Umask); sysinfo's process count is
 * nr_threads, changed under tasklist_lock for writing; /proc's stat,
 * status and oom_score_adj read another task's signal_struct (limits,
 * times, tty), user, parent and thread ring under tasklist_lock (read),
 * which its release (__release_task) holds for writing, and its handlers
 * and tty under its siglock too. lock_task_sighand reads p->sighand under
 * p's task_lock, so the table is not freed before its lock is taken. Timers:
 * del_timer_sync waits for a function running on another CPU (ITIMER_REAL
 * and POSIX timers disarm with it before they are set again or freed), one
 * CPU sends the fired timer events and timer_event_cancel waits for a send
 * in flight; a POSIX timer's fields under its it_lock and its process's
 * posix_mutex, and its signal's overruns under the target's siglock
 * (send_sigqueue). A tty's count and file list under tty_mutex, its session
 * and foreground group under its ctrl_lock. Also: a futex waiter queued
 * before it reads the word, mincore's and the core dump's VMA walks under
 * mmap_lock, the copy-on-write break under page_table_lock, TLB shootdowns
 * to every CPU of mm_cpumask, kmap_atomic windows per CPU, wait4/waitid's
 * look at the children under tasklist_lock (queued before the last look,
 * the reap under the write lock), exit_group, fatal signals and de_thread
 * zapping under siglock (a thread cloned meanwhile is born killed), the
 * thread ring unlinked under siglock too, de_thread woken after the
 * exiting thread is gone, a shared futex key's VMA under mmap_lock, a
 * parent told of its child's stop or continue (do_notify_parent_cldstop)
 * under tasklist_lock (read) and its own siglock once the child's is
 * dropped (the continue by the first thread of the group back in
 * get_signal, as Linux's SIGNAL_CLD_CONTINUED), schedule_timeout's timer
 * deleted with del_timer_sync, page reference counts atomic, a superblock's
 * count and the anonymous device numbers atomic (each /proc inode holds
 * proc's superblock), a user_struct's counts atomic (its tasks' signals are
 * queued under many siglocks) and a task's user changed under
 * tasklist_lock and its siglock, the supplementary groups' count atomic,
 * unlink and rename looking up, checking and changing a name in one hold
 * of ramfs_tree_sem, the path walk's and open(O_CREAT)'s references taken
 * under it, the tree walks (d_walk: /proc/meminfo, umount) under it,
 * d_path under rename_lock, a task's struct pid made under tasklist_lock
 * (pidfd), a signal's action copied under siglock, total_forks and the
 * fork rate limit's counts; a ramfs file's page used by read, write, a
 * fault or the core dump with a reference taken under i_lock
 * (find_get_page), the truncate dropping the file's, and a fault mapping
 * it only if it is still the file's and inside its size (checked under
 * page_table_lock, which the truncate's zap takes too); a VMA joins its
 * file's i_mmap with its vm_mm set; a regular file's writes, appends and
 * size changes one at a time (i_rwsem: two appenders wrote at one end,
 * a write's size could move back a truncate's), a shared file's position
 * moved by one call at a time (f_pos_lock); the vmalloc area list under
 * vmap_area_lock (every execve's argument buffer), and the kernel's global
 * entries of a freed vmalloc area or pkmap slot flushed on every CPU before
 * the addresses are handed out again (flush_tlb_kernel_range).
 *
 * The mount table (mount_list) under namespace_sem and vfsmount_lock, as
 * Linux 2.6's: two umounts of one mount on two CPUs freed it twice, and a
 * walk crossing into a mount read it after a umount freed it. (The tick
 * no longer read-locks tasklist_lock: loadavg samples at a safe point,
 * kernel/sched/loadavg.c says why.) A thread leaves its group's
 * ring under siglock as well as tasklist_lock (__release_task), so the
 * walks under siglock alone are safe. */
#ifndef TASKLAB_LOCK_ORDER_H
#define TASKLAB_LOCK_ORDER_H

#endif
