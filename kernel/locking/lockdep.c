/* kernel/locking/lockdep.c: the lock checker (include/lockdep.h). It owns the
 * table of lock classes, the graph of "class A was held while class B was
 * taken" edges (each with the two call sites that first made it), and the
 * per-class record of interrupt use. Each acquire is checked against the
 * graph before its edges are added: if B already reaches A, taking B under A
 * closes a cycle, which on some interleaving of CPUs (or of a task and an
 * interrupt) is a deadlock, whether or not it happened this time. Reports
 * print both call sites symbolized, then panic: in a test build a lock bug
 * must stop the run where it is found. The checker's own state is guarded by
 * graph_lock, a raw arch spinlock taken with interrupts off, which the
 * checker does not check. */
#include <kernel.h>
#include <errno.h>
#include <lockdep.h>
#include <params.h>
#include <sched.h>
#include <string.h>
#include <asm/irqflags.h>
#include <asm/spinlock.h>

#define MAX_CLASSES 128
#define MAX_DEPS    1024

struct lock_class {
	const char *name;
	unsigned int id;
	bool spins;                      /* a spinlock or rwlock class */
	unsigned long irq_ip;            /* first taken in an interrupt handler */
	unsigned long irq_write_ip;      /* ... exclusively */
	unsigned long irqs_on_ip;        /* first taken with interrupts on */
	unsigned long irqs_on_write_ip;  /* ... exclusively */
};

struct lock_dep {
	u8 from, to;                     /* class ids */
	unsigned long from_ip, to_ip;    /* from was taken at from_ip, to at to_ip */
};

bool debug_locks = true;
static arch_spinlock_t graph_lock = __ARCH_SPIN_LOCK_UNLOCKED;
static struct lock_class classes[MAX_CLASSES];
static unsigned int nr_classes;
static struct lock_dep deps[MAX_DEPS];
static unsigned int nr_deps;
static u32 dep_map_bits[MAX_CLASSES][MAX_CLASSES / 32];   /* from -> to */
static unsigned long acquisitions;

static int nolockdep_param(const char *value)
{
	if (value)
		return -EINVAL;
	debug_locks = false;
	return 0;
}
KERNEL_PARAM("nolockdep", nolockdep_param);

void debug_locks_off(void)
{
	debug_locks = false;
}

static bool has_edge(unsigned int a, unsigned int b)
{
	return dep_map_bits[a][b / 32] & (1U << (b % 32));
}

/* Under graph_lock. NULL when the table is full (the checker then stops). */
static struct lock_class *find_class(const char *name, bool spins)
{
	for (unsigned int i = 0; i < nr_classes; i++)
		if (!strcmp(classes[i].name, name))
			return &classes[i];
	if (nr_classes == MAX_CLASSES)
		return NULL;
	classes[nr_classes] = (struct lock_class){ .name = name, .id = nr_classes, .spins = spins };
	return &classes[nr_classes++];
}

static struct lock_dep *find_dep(unsigned int a, unsigned int b)
{
	for (unsigned int i = 0; i < nr_deps; i++)
		if (deps[i].from == a && deps[i].to == b)
			return &deps[i];
	return NULL;
}

/* Is there a path from a to b? Depth-first over the edge bitmap; `seen`
 * stops it revisiting. The first edge of the path found is left in *first. */
static bool reaches(unsigned int a, unsigned int b, u32 *seen, unsigned int *first)
{
	seen[a / 32] |= 1U << (a % 32);
	for (unsigned int n = 0; n < nr_classes; n++) {
		if (!has_edge(a, n) || (seen[n / 32] & (1U << (n % 32))))
			continue;
		if (n == b || reaches(n, b, seen, first)) {
			*first = n;
			return true;
		}
	}
	return false;
}

/* Stop checking, release the graph, print the header: a report follows.
 * The printk it makes must not be checked (it takes logbuf_lock). */
static void report_begin(unsigned long flags, const char *what)
{
	debug_locks = false;
	arch_spin_unlock(&graph_lock);
	local_irq_restore(flags);
	printk(KERN_EMERG "======================================================\n");
	printk(KERN_EMERG "lockdep: %s\n", what);
	printk(KERN_EMERG "task %s (pid %d), held locks:\n", current->comm, current->pid);
	for (int i = 0; i < current->lockdep.depth; i++)
		printk(KERN_EMERG "  #%d: %s, taken at %pB\n", i,
		       current->lockdep.held[i].class->name, (void *)current->lockdep.held[i].ip);
}

static __noreturn void report_inversion(unsigned long flags, struct held_lock *h,
					struct lock_class *c, unsigned long ip)
{
	u32 seen[MAX_CLASSES / 32] = { 0 };
	unsigned int at = c->id, next;

	report_begin(flags, "possible circular locking dependency");
	printk(KERN_EMERG "%s is taken at %pB\n", c->name, (void *)ip);
	printk(KERN_EMERG "  while holding %s, taken at %pB;\n", h->class->name, (void *)h->ip);
	printk(KERN_EMERG "but elsewhere the opposite order was seen:\n");
	while (at != h->class->id && reaches(at, h->class->id, seen, &next)) {
		struct lock_dep *d = find_dep(at, next);

		printk(KERN_EMERG "  %s taken at %pB\n", classes[next].name, (void *)d->to_ip);
		printk(KERN_EMERG "    while holding %s, taken at %pB\n", classes[at].name,
		       (void *)d->from_ip);
		memset(seen, 0, sizeof(seen));
		at = next;
	}
	panic("lockdep: lock order inversion: %s -> %s against %s -> %s",
	      h->class->name, c->name, c->name, h->class->name);
}

/* Under graph_lock: record h's class -> c, unless that closes a cycle. */
static void add_dependency(unsigned long flags, struct held_lock *h, struct lock_class *c,
			   unsigned long ip)
{
	u32 seen[MAX_CLASSES / 32] = { 0 };
	unsigned int a = h->class->id, first;

	if (a == c->id || has_edge(a, c->id))
		return;
	if (reaches(c->id, a, seen, &first))
		report_inversion(flags, h, c, ip);
	if (nr_deps == MAX_DEPS)
		return;
	deps[nr_deps++] = (struct lock_dep){ a, c->id, h->ip, ip };
	dep_map_bits[a][c->id / 32] |= 1U << (c->id % 32);
}

static bool is_spin(int kind) { return kind <= LD_WRITE; }
static bool shared(int kind) { return kind == LD_READ || kind == LD_SLEEP_READ; }

/* An interrupt handler taking a spinning class that other code takes with
 * interrupts on can interrupt that holder on its own CPU and spin forever.
 * Readers of a rwlock may meet in both places (readers share), not a writer. */
static void check_irq_use(unsigned long flags, struct lock_class *c, int kind, unsigned long ip)
{
	unsigned long *slot;

	if (in_interrupt())
		slot = shared(kind) ? &c->irq_ip : &c->irq_write_ip;
	else if (!(flags & X86_EFLAGS_IF))
		return;
	else
		slot = shared(kind) ? &c->irqs_on_ip : &c->irqs_on_write_ip;
	if (!*slot)
		*slot = ip;
	if (c->irq_write_ip && (c->irqs_on_ip || c->irqs_on_write_ip))
		goto bad;
	if (c->irq_ip && c->irqs_on_write_ip)
		goto bad;
	return;
bad:
	report_begin(flags, "inconsistent lock use: taken in an interrupt handler and with interrupts on");
	printk(KERN_EMERG "%s taken in an interrupt handler at %pB\n", c->name,
	       (void *)(c->irq_write_ip ? c->irq_write_ip : c->irq_ip));
	printk(KERN_EMERG "%s taken with interrupts on at %pB\n", c->name,
	       (void *)(c->irqs_on_write_ip ? c->irqs_on_write_ip : c->irqs_on_ip));
	panic("lockdep: %s is irq-safe and irq-unsafe", c->name);
}

static void check_recursion(unsigned long flags, const struct lockdep_map *lock, struct lock_class *c,
			    int kind, unsigned long ip)
{
	struct task_lockdep *ld = &current->lockdep;

	for (int i = 0; i < ld->depth; i++) {
		if (ld->held[i].instance != lock || (kind == LD_READ && ld->held[i].kind == LD_READ))
			continue;
		report_begin(flags, "recursive locking: the task already holds this lock");
		printk(KERN_EMERG "%s taken again at %pB\n", c->name, (void *)ip);
		panic("lockdep: recursive locking of %s", c->name);
	}
}

/* Contract: checks taking the lock of `map` (class map->name, kind) at ip against what
 * the task holds and what the run has seen, then pushes it on the task's
 * held stack. Panics with a report on a violation. Any interrupt state on
 * entry; left as it was. Called before the lock word is taken. try: a
 * trylock that got the lock, which waited for nothing, so it closes no
 * cycle: as Linux's, it adds no dependency on what is held and no
 * self-deadlock check (the locks taken under it are checked as usual). */
static void __lock_acquire_checked(struct lockdep_map *map, int kind, unsigned long ip, bool try)
{
	struct task_lockdep *ld = &current->lockdep;
	unsigned long flags;
	struct lock_class *c;

	if (!debug_locks || ld->recursion)
		return;
	flags = local_irq_save();
	arch_spin_lock(&graph_lock);
	c = map->class ? map->class : (map->class = find_class(map->name ? map->name : "(unnamed)", is_spin(kind)));
	if (!c || ld->depth == MAX_LOCK_DEPTH) {
		debug_locks = false;     /* out of room: stop rather than lie */
		goto out;
	}
	acquisitions++;
	if (!try)
		check_recursion(flags, map, c, kind, ip);
	if (is_spin(kind))
		check_irq_use(flags, c, kind, ip);
	for (int i = 0; i < ld->depth && !try; i++)
		add_dependency(flags, &ld->held[i], c, ip);
	ld->held[ld->depth++] = (struct held_lock){ c, map, ip, kind };
out:
	arch_spin_unlock(&graph_lock);
	local_irq_restore(flags);
}

void lock_acquire(struct lockdep_map *map, int kind, unsigned long ip)
{
	__lock_acquire_checked(map, kind, ip, false);
}

void lock_acquire_try(struct lockdep_map *map, int kind, unsigned long ip)
{
	__lock_acquire_checked(map, kind, ip, true);
}

void lock_acquire_here(struct lockdep_map *map, int kind)
{
	lock_acquire(map, kind, (unsigned long)__builtin_return_address(0));
}

/* Pops map's lock from the task's held stack (wherever it is: locks may be
 * released out of order). A lock the task does not hold is a report. */
void lock_release(struct lockdep_map *map)
{
	struct task_lockdep *ld = &current->lockdep;
	unsigned long flags;
	int i;

	if (!debug_locks || ld->recursion)
		return;
	flags = local_irq_save();
	for (i = ld->depth - 1; i >= 0 && ld->held[i].instance != map; i--)
		;
	if (i < 0) {
		arch_spin_lock(&graph_lock);
		report_begin(flags, "releasing a lock the task does not hold");
		panic("lockdep: %s released at %pB but not held", map->name,
		      __builtin_return_address(0));
	}
	for (; i + 1 < ld->depth; i++)
		ld->held[i] = ld->held[i + 1];
	ld->depth--;
	local_irq_restore(flags);
}

void __lockdep_might_sleep(const char *what, unsigned long ip)
{
	struct task_lockdep *ld = &current->lockdep;
	unsigned long flags;

	if (!debug_locks || ld->recursion)
		return;
	for (int i = 0; i < ld->depth; i++) {
		if (!is_spin(ld->held[i].kind))
			continue;
		flags = local_irq_save();
		arch_spin_lock(&graph_lock);
		report_begin(flags, "sleeping with a spinning lock held");
		printk(KERN_EMERG "%s called at %pB while holding %s\n", what, (void *)ip,
		       ld->held[i].class->name);
		panic("lockdep: %s with %s held", what, ld->held[i].class->name);
	}
}

void lockdep_get_stats(struct lockdep_stats *s)
{
	s->classes = nr_classes;
	s->dependencies = nr_deps;
	s->acquisitions = acquisitions;
}

bool lockdep_depends(const char *a, const char *b)
{
	unsigned long flags = local_irq_save();
	bool found = false;

	arch_spin_lock(&graph_lock);
	for (unsigned int i = 0; i < nr_deps && !found; i++)
		found = !strcmp(classes[deps[i].from].name, a) && !strcmp(classes[deps[i].to].name, b);
	arch_spin_unlock(&graph_lock);
	local_irq_restore(flags);
	return found;
}

/* The i-th dependency recorded ("held" -> "taken"): false past the last. */
bool lockdep_dependency(unsigned int i, const char **held, const char **taken)
{
	if (i >= nr_deps)
		return false;
	*held = classes[deps[i].from].name;
	*taken = classes[deps[i].to].name;
	return true;
}

/* One line the test runner checks at the end of a run: the checker was on
 * the whole time (a report would have panicked) and really checked. */
void lockdep_print_summary(void)
{
	struct lockdep_stats s;

	lockdep_get_stats(&s);
	printk(KERN_INFO "lockdep: %s, %u classes, %u dependencies, %lu acquisitions checked, no report\n",
	       debug_locks ? "on" : "off", s.classes, s.dependencies, s.acquisitions);
}
