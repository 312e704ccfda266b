/* kernel/trace/tracefs.c: the "tracefs" filesystem, Linux's interface to
 * the tracer (a subset), mounted with `mount -t tracefs nodev
 * /sys/kernel/tracing`:
 *
 *   tracing_on       1 records, 0 stops recording (any other number: 1)
 *   trace            the rings as text (trace_output.c), oldest first;
 *                    opening it with O_TRUNC (`echo > trace`) clears them
 *   trace_pipe       the same lines without the header, consumed as read;
 *                    an empty pipe blocks (O_NONBLOCK: EAGAIN) until an
 *                    event comes or a signal does; it cannot seek (ESPIPE)
 *   set_event        the enabled events as group:event lines; a write
 *                    takes Linux's tokens (group:event, group:*, a bare
 *                    event or group name, !name to turn off); a token that
 *                    names nothing is EINVAL; O_TRUNC turns all off first
 *   set_event_pid    the pids whose events are kept (none: all)
 *   buffer_size_kb   each CPU's ring, in KiB (resizing empties it)
 *   events/enable, events/<group>/enable, events/<group>/<event>/enable
 *                    0 or 1 (anything else EINVAL); a group's reads X
 *                    when only some of its events are on
 *
 * Like procfs (fs/proc/), it keeps no tree: a lookup makes a dentry and a
 * tracefs_inode naming what the entry is, from the event table
 * (trace.c), and a directory lists its children from the same
 * enumeration (tfs_child). The mount's root is root's alone (mode 0700),
 * as Linux's. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <mutex.h>
#include <pid.h>
#include <sched.h>
#include <slab.h>
#include <time.h>
#include <timer.h>
#include <uio.h>
#include <asm/page.h>
#include <trace/trace.h>

enum tfs_kind {
	TFS_ROOT, TFS_EVENTS, TFS_GROUP, TFS_EVENT,           /* directories */
	TFS_TRACING_ON, TFS_TRACE, TFS_TRACE_PIPE, TFS_SET_EVENT, TFS_SET_EVENT_PID,
	TFS_BUFFER_SIZE_KB, TFS_ENABLE,
};

/* What one name is: its kind, the group or event it is about (idx), and
 * for an enable file the events it switches (bits). */
struct tfs_node {
	const char *name;
	enum tfs_kind kind;
	int idx;
	u32 bits;
	unsigned long ino;
};

struct tracefs_inode {
	struct inode vfs_inode;           /* first: iput's kfree frees it all */
	struct tfs_node node;
};

static inline struct tracefs_inode *TFS_I(struct inode *inode)
{
	return container_of(inode, struct tracefs_inode, vfs_inode);
}

static struct super_block *tracefs_sb;
static const struct file_operations tracefs_file_ops, tracefs_dir_ops;
static const struct inode_operations tracefs_dir_iops, tracefs_file_iops;

static u32 group_bits(int g)
{
	u32 bits = 0;

	for (int i = 0; i < NR_TRACE_EVENTS; i++)
		if (!strcmp(trace_event_table[i].group, trace_groups[g]))
			bits |= TRACE_BIT(i);
	return bits;
}

/* The event of group g that is its n-th, or -1. */
static int nth_event_of(int g, unsigned int n)
{
	for (int i = 0; i < NR_TRACE_EVENTS; i++)
		if (!strcmp(trace_event_table[i].group, trace_groups[g]) && !n--)
			return i;
	return -1;
}

static const struct tfs_node root_files[] = {
	{ .name = "tracing_on", .kind = TFS_TRACING_ON },
	{ .name = "trace", .kind = TFS_TRACE },
	{ .name = "trace_pipe", .kind = TFS_TRACE_PIPE },
	{ .name = "set_event", .kind = TFS_SET_EVENT },
	{ .name = "set_event_pid", .kind = TFS_SET_EVENT_PID },
	{ .name = "buffer_size_kb", .kind = TFS_BUFFER_SIZE_KB },
	{ .name = "events", .kind = TFS_EVENTS },
};

#define ALL_EVENTS (TRACE_BIT(NR_TRACE_EVENTS) - 1)

/* Child i of directory dir into *c: true, or false past the last. Each
 * directory but the root starts with its enable file. */
static bool tfs_child(const struct tfs_node *dir, unsigned int i, struct tfs_node *c)
{
	int e;

	if (dir->kind == TFS_ROOT) {
		if (i >= ARRAY_SIZE(root_files))
			return false;
		*c = root_files[i];
		c->ino = 2 + i;
		return true;
	}
	if (i == 0) {
		u32 bits = dir->kind == TFS_EVENTS ? ALL_EVENTS :
			   dir->kind == TFS_GROUP ? group_bits(dir->idx) : TRACE_BIT(dir->idx);

		*c = (struct tfs_node){ "enable", TFS_ENABLE, dir->idx, bits, dir->ino + 0x1000 };
		return true;
	}
	if (dir->kind == TFS_EVENTS && i - 1 < nr_trace_groups) {
		*c = (struct tfs_node){ trace_groups[i - 1], TFS_GROUP, i - 1, 0, 0x100 + i };
		return true;
	}
	if (dir->kind == TFS_GROUP && (e = nth_event_of(dir->idx, i - 1)) >= 0) {
		*c = (struct tfs_node){ trace_event_table[e].name, TFS_EVENT, e, 0, 0x200 + e };
		return true;
	}
	return false;
}

static umode_t tfs_mode(enum tfs_kind kind)
{
	if (kind == TFS_ROOT)
		return S_IFDIR | 0700;
	if (kind <= TFS_EVENT)
		return S_IFDIR | 0755;
	return S_IFREG | (kind == TFS_TRACE_PIPE ? 0444 : 0644);
}

/* A dentry for node c in dir (NULL for the root): one reference, or
 * ERR_PTR(-ENOMEM). */
static struct dentry *tfs_make_dentry(struct dentry *dir, const struct tfs_node *c)
{
	struct tracefs_inode *ti = kzalloc(sizeof(*ti), GFP_KERNEL);
	struct inode *inode;
	struct dentry *d;

	if (!ti)
		return ERR_PTR(-ENOMEM);
	ti->node = *c;
	inode = &ti->vfs_inode;
	inode->i_ino = c->ino;
	inode->i_mode = tfs_mode(c->kind);
	inode->i_nlink = S_ISDIR(inode->i_mode) ? 2 : 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	inode_init_once(inode);
	inode->i_fop = S_ISDIR(inode->i_mode) ? &tracefs_dir_ops : &tracefs_file_ops;
	inode->i_op = S_ISDIR(inode->i_mode) ? &tracefs_dir_iops : &tracefs_file_iops;
	d = d_alloc_unhashed(dir, c->name, strlen(c->name), inode);
	if (!d) {
		kfree(ti);
		return ERR_PTR(-ENOMEM);
	}
	inode->i_sb = tracefs_sb;
	get_super(tracefs_sb);
	__atomic_add_fetch(&nr_inodes, 1, __ATOMIC_RELAXED);
	return d;
}

static struct dentry *tracefs_lookup(struct dentry *dir, const char *name, int len)
{
	const struct tfs_node *dn = &TFS_I(dir->d_inode)->node;
	struct tfs_node c;

	for (unsigned int i = 0; tfs_child(dn, i, &c); i++)
		if ((int)strlen(c.name) == len && !memcmp(c.name, name, len))
			return tfs_make_dentry(dir, &c);
	return NULL;
}

static int tracefs_readdir(struct file *f, filldir_t filldir, void *ctx)
{
	const struct tfs_node *dn = &TFS_I(f->f_inode)->node;
	struct tfs_node c;

	if (!dir_emit_dots(f, filldir, ctx))
		return 0;
	while (tfs_child(dn, f->f_pos - 2, &c)) {
		if (filldir(ctx, c.name, strlen(c.name), f->f_pos, c.ino,
			    S_ISDIR(tfs_mode(c.kind)) ? DT_DIR : DT_REG))
			return 0;
		f->f_pos++;
	}
	return 0;
}

/* --- reading -------------------------------------------------------------- */

#define LINE_MAX 384

/* An open trace or trace_pipe: the line being copied out, and for trace
 * where each CPU's ring is up to and where this read stops (the heads
 * when it started: a live ring does not make the file endless). Two
 * threads may read one open file at once: lock (a mutex: a read copies to
 * user memory, which may fault and sleep) guards every other field, as
 * Linux's iter->mutex. */
struct trace_reader {
	struct mutex lock;
	unsigned long idx[NR_CPUS], end[NR_CPUS];
	bool started;
	size_t len, off;
	char line[LINE_MAX];
};

static void reader_start(struct trace_reader *r)
{
	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++) {
		r->idx[cpu] = per_cpu(trace_rings, cpu).tail;
		r->end[cpu] = per_cpu(trace_rings, cpu).head;
	}
	r->len = trace_format_header(r->line, LINE_MAX);
	r->off = 0;
	r->started = true;
}

/* The next line of trace: the earliest entry over the CPUs' rings. */
static bool reader_next(struct trace_reader *r)
{
	struct trace_entry e, best;
	int best_cpu = -1;

	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++) {
		unsigned long idx = r->idx[cpu];

		if (idx < r->end[cpu] && ring_buffer_peek(cpu, &idx, &e) && idx < r->end[cpu] &&
		    (best_cpu < 0 || e.ts < best.ts)) {
			best = e;
			best_cpu = cpu;
			r->idx[cpu] = idx;       /* it may have skipped overwritten ones */
		}
	}
	if (best_cpu < 0)
		return false;
	r->idx[best_cpu]++;
	r->len = trace_format_entry(&best, r->line, LINE_MAX);
	r->off = 0;
	return true;
}

/* Copy what is left of r's line: bytes copied, or -EFAULT. */
static ssize_t reader_copy(struct trace_reader *r, struct iov_iter *to)
{
	size_t n = copy_to_iter(r->line + r->off, r->len - r->off, to);

	if (!n && to->fault)
		return -EFAULT;
	r->off += n;
	return n;
}

static ssize_t trace_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct trace_reader *r = f->private_data;
	ssize_t done = 0, n = 0;

	mutex_lock(&r->lock);
	if (!r->started || *pos == 0)
		reader_start(r);
	while (to->count) {
		if (r->off == r->len && !reader_next(r))
			break;
		if ((n = reader_copy(r, to)) < 0)
			break;
		done += n;
	}
	*pos += done;
	mutex_unlock(&r->lock);
	return done ? done : min(n, (ssize_t)0);
}

/* Wait for an entry: 0, -EAGAIN (O_NONBLOCK) or -ERESTARTSYS (a signal).
 * The recorder runs inside the scheduler and cannot wake anyone, so the
 * reader looks again every tick (Linux defers its wake-up to an irq_work
 * for the same reason). */
static int wait_for_entry(struct file *f)
{
	while (ring_buffer_empty()) {
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (signal_pending(current))
			return -ERESTARTSYS;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(1);
	}
	return 0;
}

/* Copy r's line and then consumed entries while `to` has room: bytes
 * copied (0: nothing to consume), or -EFAULT when none could be. Under
 * r->lock. */
static ssize_t pipe_copy(struct trace_reader *r, struct iov_iter *to)
{
	struct trace_entry e;
	ssize_t done = 0, n;

	while (to->count) {
		if (r->off == r->len) {
			if (!ring_buffer_consume(&e))
				break;
			r->len = trace_format_entry(&e, r->line, LINE_MAX);
			r->off = 0;
		}
		if ((n = reader_copy(r, to)) < 0)
			return done ? done : n;
		done += n;
	}
	return done;
}

/* Contract: the next lines, consumed; blocks (without r->lock, so that a
 * second reader of the file is not stuck behind an empty pipe) until
 * there is one. Bytes read, or wait_for_entry's error, or -EFAULT. */
static ssize_t trace_pipe_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	struct trace_reader *r = f->private_data;
	ssize_t done = 0;
	int err;

	if (!to->count)
		return 0;
	mutex_lock(&r->lock);
	while (!done) {
		if (r->off == r->len && ring_buffer_empty()) {
			mutex_unlock(&r->lock);
			if ((err = wait_for_entry(f)))
				return err;
			mutex_lock(&r->lock);
			continue;
		}
		done = pipe_copy(r, to);  /* 0: another reader took it: wait again */
	}
	mutex_unlock(&r->lock);
	return done;
}

/* --- the small text files --------------------------------------------------- */

static const char *enable_text(u32 bits)
{
	u32 on = trace_events_on & bits;

	return on == bits ? "1\n" : !on ? "0\n" : "X\n";
}

static int show_set_event(char *buf, size_t size)
{
	int n = 0;

	for (int i = 0; i < NR_TRACE_EVENTS && n < (int)size; i++)
		if (trace_events_on & TRACE_BIT(i))
			n += snprintf(buf + n, size - n, "%s:%s\n", trace_event_table[i].group,
				      trace_event_table[i].name);
	return min(n, (int)size - 1);
}

/* The text of a control file into buf (PAGE_SIZE): its length. */
static int show_control(const struct tfs_node *node, char *buf, size_t size)
{
	int n = 0;

	switch (node->kind) {
	case TFS_TRACING_ON:
		return snprintf(buf, size, "%d\n", tracing_on);
	case TFS_BUFFER_SIZE_KB:
		return snprintf(buf, size, "%lu\n", trace_buffer_kb);
	case TFS_ENABLE:
		return strlcpy(buf, enable_text(node->bits), size);
	case TFS_SET_EVENT:
		return show_set_event(buf, size);
	default:                         /* set_event_pid */
		for (unsigned int i = 0; i < trace_nr_pids; i++)
			n += snprintf(buf + n, size - n, "%d\n", trace_pids[i]);
		return n;
	}
}

static ssize_t control_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t len, n = 0;

	if (!buf)
		return -ENOMEM;
	len = show_control(&TFS_I(f->f_inode)->node, buf, PAGE_SIZE);
	if (*pos < len) {
		n = copy_to_iter(buf + *pos, len - *pos, to);
		if (!n && to->fault)
			n = -EFAULT;
		else
			*pos += n;
	}
	kfree(buf);
	return n;
}

static ssize_t tracefs_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	switch (TFS_I(f->f_inode)->node.kind) {
	case TFS_TRACE:
		return trace_read(f, to, pos);
	case TFS_TRACE_PIPE:
		return trace_pipe_read(f, to, pos);
	default:
		return control_read(f, to, pos);
	}
}

/* --- writing ---------------------------------------------------------------- */

/* Linux's kstrtoul_from_user: decimal digits and at most one newline. */
static int parse_ulong(const char *s, unsigned long *out)
{
	unsigned long v = 0;
	const char *start = s;

	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (~0UL - (*s - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (*s - '0');
	}
	if (s == start || (*s == '\n' ? s[1] : *s))
		return -EINVAL;
	*out = v;
	return 0;
}

/* Call fn on each blank-separated token of buf (cut in place): 0 or the
 * first error. */
static int for_each_token(char *buf, int (*fn)(const char *tok))
{
	char *s = buf;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (!*s)
			return 0;
		char *t = s;

		while (*s && *s != ' ' && *s != '\t' && *s != '\n')
			s++;
		if (*s)
			*s++ = '\0';
		int err = fn(t);

		if (err)
			return err;
	}
}

static int add_pid_token(const char *tok)
{
	unsigned long pid;
	int err = parse_ulong(tok, &pid);

	if (err || pid > PID_MAX_LIMIT)
		return -EINVAL;
	if (trace_pid_listed(pid))
		return 0;
	if (trace_nr_pids == TRACE_MAX_PIDS)
		return -ENOSPC;
	trace_pids[trace_nr_pids++] = pid;
	return 0;
}

static int write_number(const struct tfs_node *node, const char *buf)
{
	unsigned long v;
	int err = parse_ulong(buf, &v);

	if (err)
		return err;
	switch (node->kind) {
	case TFS_TRACING_ON:
		tracing_on = v != 0;
		return 0;
	case TFS_ENABLE:
		if (v > 1)
			return -EINVAL;
		trace_set_events(node->bits, v);
		return 0;
	default:                         /* buffer_size_kb: ENOMEM past free memory */
		return v ? ring_buffer_resize(v) : -EINVAL;
	}
}

static int apply_write(const struct tfs_node *node, char *buf)
{
	switch (node->kind) {
	case TFS_TRACE:
		return 0;                /* Linux ignores what is written to trace */
	case TFS_SET_EVENT:
		return for_each_token(buf, trace_set_event_token);
	case TFS_SET_EVENT_PID:
		return for_each_token(buf, add_pid_token);
	case TFS_TRACING_ON:
	case TFS_ENABLE:
	case TFS_BUFFER_SIZE_KB:
		return write_number(node, buf);
	default:
		return -EINVAL;          /* trace_pipe is read-only, as Linux's */
	}
}

/* A write to a list of words (set_event, set_event_pid) longer than the
 * page taken at once is cut after its last blank, so that no word is
 * split: the short count sends the writer's next write() to that word's
 * start (Linux's trace_parser carries a split word over to the next write
 * instead; either way each word is parsed whole). Returns the bytes kept
 * (buf cut there), or -EINVAL for one word longer than the page. */
static ssize_t keep_whole_words(char *buf, size_t count)
{
	size_t n = count;

	while (n && buf[n - 1] != ' ' && buf[n - 1] != '\t' && buf[n - 1] != '\n')
		n--;
	if (!n)
		return -EINVAL;
	buf[n] = '\0';
	return n;
}

static bool is_word_list(enum tfs_kind kind)
{
	return kind == TFS_SET_EVENT || kind == TFS_SET_EVENT_PID;
}

static ssize_t tracefs_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	const struct tfs_node *node = &TFS_I(f->f_inode)->node;
	ssize_t count = min(from->count, (size_t)PAGE_SIZE - 1);
	bool cut = from->count > (size_t)count;
	char *buf;
	int err;

	if (!count)
		return 0;
	buf = memdup_iter_nul(from, count);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	if (cut && is_word_list(node->kind) && (count = keep_whole_words(buf, count)) < 0) {
		kfree(buf);
		return count;
	}
	err = apply_write(node, buf);
	kfree(buf);
	if (err)
		return err;
	*pos += count;
	return count;
}

/* O_TRUNC (and truncate): trace empties the rings, set_event turns every
 * event off, set_event_pid empties the list, as Linux's opens do. */
static int tracefs_setsize(struct inode *inode, loff_t size)
{
	switch (TFS_I(inode)->node.kind) {
	case TFS_TRACE:
		ring_buffer_reset();
		return 0;
	case TFS_SET_EVENT:
		trace_set_events(ALL_EVENTS, false);
		return 0;
	case TFS_SET_EVENT_PID:
		trace_nr_pids = 0;
		return 0;
	default:
		return 0;
	}
}

static int tracefs_open(struct inode *inode, struct file *f)
{
	enum tfs_kind kind = TFS_I(inode)->node.kind;

	if (kind == TFS_TRACE || kind == TFS_TRACE_PIPE) {
		struct trace_reader *r = kzalloc(sizeof(*r), GFP_KERNEL);

		if (!r)
			return -ENOMEM;
		__mutex_init(&r->lock, "trace_reader->lock");
		f->private_data = r;
	}
	if (kind == TFS_TRACE_PIPE)      /* a stream: lseek and pread are ESPIPE, as Linux's */
		f->f_mode &= ~(FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE);
	return 0;
}

static void tracefs_release(struct file *f)
{
	kfree(f->private_data);
}

static const struct file_operations tracefs_file_ops = {
	.open = tracefs_open,
	.read_iter = tracefs_read,
	.write_iter = tracefs_write,
	.release = tracefs_release,
};

static const struct file_operations tracefs_dir_ops = {
	.readdir = tracefs_readdir,
};

static const struct inode_operations tracefs_dir_iops = {
	.lookup = tracefs_lookup,
};

static const struct inode_operations tracefs_file_iops = {
	.setsize = tracefs_setsize,
};

/* --- the filesystem type ------------------------------------------------------ */

static struct dentry *tracefs_mount(struct file_system_type *type, unsigned long flags,
				    const char *data)
{
	static const struct tfs_node root = { "/", TFS_ROOT, -1, 0, 1 };

	if (data && *data)
		return ERR_PTR(-EINVAL);
	return tfs_make_dentry(NULL, &root);
}

static void tracefs_kill_sb(struct dentry *root)
{
	dput(root);
}

static const struct super_operations tracefs_super_ops = { 0 };

static struct file_system_type tracefs_fs_type = {
	.name = "tracefs", .mount = tracefs_mount, .kill_sb = tracefs_kill_sb,
};

void tracefs_init(void)
{
	tracefs_sb = alloc_super(&tracefs_fs_type, &tracefs_super_ops);
	if (!tracefs_sb || register_filesystem(&tracefs_fs_type))
		panic("tracefs_init: cannot register tracefs");
}
