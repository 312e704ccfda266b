/* kernel/main.c: start_kernel(), the first C code, called by
 * boot/higher_half.asm on init_task's stack with paging on. It brings the
 * machine up in dependency order: descriptor tables and the console first (so
 * a fault can be reported), then the boot information and command line,
 * memory, interrupts and the timer, the scheduler. rest_init() then creates
 * the first two tasks (c14, c15): kernel_init as PID 1 and kthreadd as PID 2,
 * and init_task (PID 0) becomes the idle task. kernel_init runs the self-tests
 * when test= is given or the benchmarks with bench= (and exits QEMU),
 * otherwise it execs the init program from the initramfs and stays PID 1 as a
 * user process (c14); without one it starts the serial console monitor and, as
 * init does, reaps the orphans it inherits. */
#include <kernel.h>
#include <completion.h>
#include <binfmts.h>
#include <fdtable.h>
#include <kbench.h>
#include <fs.h>
#include <ktest.h>
#include <kthread.h>
#include <tty.h>
#include <mm.h>
#include <mount.h>
#include <multiboot.h>
#include <params.h>
#include <asm/jump_label.h>
#include <pid.h>
#include <proc_fs.h>
#include <sched.h>
#include <sched/user.h>
#include <smp.h>
#include <syscall_counts.h>
#include <time.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/cpufeature.h>
#include <asm/irqflags.h>
#include <asm/segment.h>
#include <asm/serial.h>
#include <asm/stackprotector.h>
#include <uapi/linux/fcntl.h>
#include <trace/events.h>

#define TASKLAB_VERSION "0.1"

int monitor_thread(void *unused);
static DECLARE_COMPLETION(kthreadd_done);

/* c14: PID 1's mm just before it execs its program (NULL: it was a kernel
 * thread until then), for the self-tests that run under that program. */
bool pid1_mm_was_null_at_exec;

static bool monitor_requested;

/* `monitor` on the command line: the kernel monitor instead of init. */
static int monitor_param(const char *value)
{
	if (value)
		return -EINVAL;
	monitor_requested = true;
	return 0;
}
KERNEL_PARAM("monitor", monitor_param);

/* What init gets, as Linux's argv_init and envp_init: argv[0] is its path,
 * then the bare words of the command line the kernel does not know (and
 * every word after "--"); the environment is HOME=/ and TERM=linux (no
 * PATH: Linux gives none) and the unknown key=value words, a word replacing
 * an entry of the same name. Words with a '.' are module parameters, which
 * Linux drops. MAX_INIT_ARGS entries of each at most (Linux's
 * CONFIG_INIT_ENV_ARG_LIMIT); Linux panics past that, Tasklab warns and
 * drops the word. The words are copied into init_words. */
#define MAX_INIT_ARGS 32
static const char *argv_init[MAX_INIT_ARGS + 2] = { "init", NULL };
static const char *envp_init[MAX_INIT_ARGS + 2] = { "HOME=/", "TERM=linux", NULL };
static char init_words[sizeof(boot_params.cmdline) + 64];
static size_t init_words_used;

const char *const *init_argv(void) { return argv_init; }
const char *const *init_envp(void) { return envp_init; }

/* Keep "key" or "key=value" in init_words; NULL if it is full. */
static const char *keep_word(const char *key, const char *value)
{
	char *w = init_words + init_words_used;
	size_t room = sizeof(init_words) - init_words_used;
	int n = value ? snprintf(w, room, "%s=%s", key, value) : snprintf(w, room, "%s", key);

	if (n < 0 || (size_t)n >= room)
		return NULL;
	init_words_used += n + 1;
	return w;
}

/* Put word in list (or over the entry with the same name, name_len bytes
 * and its '='); false if the list is full. */
static bool add_init_word(const char **list, const char *word, size_t name_len)
{
	int i;

	for (i = 0; list[i]; i++)
		if (name_len && !strncmp(list[i], word, name_len + 1))
			break;
	if (i >= MAX_INIT_ARGS)
		return false;
	list[i] = word;
	return true;
}

/* A command-line word no KERNEL_PARAM took (kernel/params.c): to init,
 * into its argv (bare, or after "--") or its environment (key=value). */
void unknown_bootoption(const char *key, const char *value, bool after_dashes)
{
	const char *word;
	bool env = value && !after_dashes;

	if (!after_dashes && strchr(key, '.'))
		return;                           /* a module parameter */
	word = keep_word(key, value);
	if (word && add_init_word(env ? envp_init : argv_init, word, env ? strlen(key) : 0))
		pr_notice("cmdline: '%s' passed to init (%s)\n", word, env ? "environment" : "argv");
	else
		pr_warn("cmdline: too many words for init; '%s' dropped\n", key);
}

/* Exec the init program (init=, /sbin/init, /init) as PID 1: returns only
 * when there is none to run, or the monitor was asked for. */
static void run_init_process(void)
{
	const char *path = monitor_requested ? NULL : pick_init_path();
	int err;

	if (!path)
		return;
	open_console_fds();
	pid1_mm_was_null_at_exec = current->mm == NULL;
	pr_info("init: PID %d (mm %s) execs %s\n", current->pid,
		current->mm ? "set" : "NULL", path);
	argv_init[0] = path;
	err = kernel_execve(path, argv_init, envp_init);
	panic("init: exec of %s failed (error %d)", path, err);
}

/* PID 1: runs the self-tests (test=) or the benchmarks (bench=), else
 * becomes the init program. With no init program (no initramfs) it starts
 * the serial console monitor and, as init does, reaps orphans. */
static int kernel_init(void *unused)
{
	struct task_struct *mon;

	set_task_comm(current, "kernel_init");
	/* Session 0 and process group 0, the swapper's, as on Linux: init's
	 * own setsid() makes it leader of session 1 (an init that is already
	 * a group leader could not). */
	wait_for_completion(&kthreadd_done);
	smp_init();                       /* the other CPUs: up, running tasks (smp.h) */
	if (num_online_cpus() > 1 && smp_sched_enabled)
		migration_init();         /* migration/N: affinity changes (sched.h) */
	serial_console_start();           /* kttyd: console input to its tty */
	ktest_run_selected();             /* returns only without test= */
	kbench_run_selected();            /* returns only without bench= */
	run_init_process();               /* returns only without a program */
	pr_notice("init: %s: starting the kernel monitor\n",
		  monitor_requested ? "monitor requested" : "no init program");
	mon = kthread_run(monitor_thread, NULL, "kmonitord");
	if (IS_ERR(mon))
		panic("kernel_init: cannot start the console monitor (%ld)", PTR_ERR(mon));
	for (;;) {                        /* init reaps what is left to it */
		DEFINE_WAIT(wait);

		prepare_to_wait(&current->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		if (!has_zombie_child())
			schedule();
		finish_wait(&current->wait_chldexit, &wait);
		while (kernel_wait(-1, WNOHANG, NULL) > 0)
			;
	}
}

void rest_init(void)
{
	pid_t pid;

	pid = kernel_thread(kernel_init, NULL, "kernel_init", CLONE_FS | CLONE_SIGHAND);
	if (pid != 1)
		panic("rest_init: kernel_init got pid %d", pid);
	pid = kernel_thread(kthreadd, NULL, "kthreadd", CLONE_FS | CLONE_FILES);
	kthreadd_task = find_task_by_pid(pid);
	if (pid != 2 || !kthreadd_task)
		panic("rest_init: kthreadd got pid %d", pid);
	complete(&kthreadd_done);
	cpu_idle();                       /* init_task is the idle task from now on */
}

/* Never returns, and runs while the stack canary is chosen: unprotected. */
__no_stack_protector void start_kernel(u32 magic, phys_addr_t mbi)
{
	gdt_init();
	boot_init_stack_canary();   /* early: every later frame stores the boot value */
	serial_init();
	idt_init();
	printk(KERN_NOTICE "Tasklab %s (i386) booting, built " __DATE__ " " __TIME__ "\n",
	       TASKLAB_VERSION);
	if (!multiboot_parse(magic, mbi))
		panic("not started by a multiboot loader (eax=%#x)", magic);
	printk(KERN_NOTICE "Command line: %s\n", boot_params.cmdline);
	parse_kernel_cmdline(boot_params.cmdline);
	multiboot_print_summary();
	cpu_protections_init();     /* SMEP, SMAP (nosmep, nosmap read just above) */
	jump_label_init();          /* static branches of false keys (nolockdep) to nops */
	mem_init();                 /* text and rodata read-only from here (rodata=) */
	sched_init();
	pidhash_init();
	rootfs_init();
	mnt_init();                 /* the mount table: rootfs on "/" */
	proc_root_init();           /* procfs, for `mount -t proc proc /proc` */
	populate_rootfs();          /* the initramfs (module 0) into the root, its frames freed */
	if (chr_dev_init())         /* /dev/null, /dev/zero, /dev/full */
		pr_err("cannot make the memory devices\n");
	fork_init();                /* threads-max from lowmem, the initramfs's frames counted */
	fork_limits_init();         /* RLIMIT_NPROC's default */
	if (syscall_counts_init())  /* /sys/kernel/debug/syscall_counts */
		pr_err("cannot make /sys/kernel/debug/syscall_counts\n");
	tty_init();                 /* /dev/console */
	pic_init();
	pit_init();
	apic_init();                /* local and I/O APIC, APIC timer as the tick (if any) */
	smp_prepare_lock_words();   /* one CPU: lock words patched out (spinlock.h) */
	time_init();
	serial_enable_rx_irq();
	local_irq_enable();
	pr_info("interrupts on: %s at %d Hz, COM1 receive on IRQ 4\n",
		apic_enabled ? "local APIC timer" : "PIT", HZ);
	trace_init();               /* the rings, the TSC clock, trace=, tracefs */
	rest_init();
}
