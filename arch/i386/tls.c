/* arch/i386/tls.c: thread-local storage segments. A task may describe up to
 * three segments of its own (GDT entries 6-8) with set_thread_area; glibc
 * and musl point %gs at one of them for their thread pointer. The three
 * descriptors live in task->thread.tls_array and are copied into the GDT at
 * every switch (load_TLS), so each task sees its own. exec clears them;
 * fork copies them with the task_struct. The live fs/gs are zeroed at each
 * switch (clear_user_segments, include/asm/processor.h, says why). */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <asm/segment.h>
#include <asm/uaccess.h>

/* Linux's struct user_desc (asm/ldt.h). */
struct user_desc {
	u32 entry_number;
	u32 base_addr;
	u32 limit;
	u32 seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1,
	    seg_not_present:1, useable:1;
};

void load_TLS(struct task_struct *next)
{
	load_TLS_desc(&next->thread, smp_processor_id());
}

void clear_TLS(struct task_struct *p)
{
	memset(p->thread.tls_array, 0, sizeof(p->thread.tls_array));
	if (p == current) {
		clear_user_segments();
		load_TLS(p);
	}
}

/* The "empty" descriptor Linux recognizes: it clears the slot. */
static bool desc_empty(const struct user_desc *u)
{
	return !u->base_addr && !u->limit && !u->contents && u->read_exec_only
	       && !u->seg_32bit && !u->limit_in_pages && u->seg_not_present && !u->useable;
}

static void fill_desc(struct desc_struct *d, const struct user_desc *u)
{
	u8 type = 0x10 | 0x60 | 0x01;                  /* S, DPL 3, accessed */

	if (desc_empty(u)) {
		memset(d, 0, sizeof(*d));
		return;
	}
	type |= (u->contents << 2) | (u->read_exec_only ? 0 : 0x02);
	if (!u->seg_not_present)
		type |= 0x80;
	set_desc(d, u->base_addr, u->limit, type,
		 (u->limit_in_pages ? 0x80 : 0) | (u->seg_32bit ? 0x40 : 0) |
		 (u->useable ? 0x10 : 0));
}

static int free_tls_slot(struct task_struct *p)
{
	for (int i = 0; i < GDT_ENTRY_TLS_ENTRIES; i++) {
		const struct desc_struct *d = &p->thread.tls_array[i];

		if (!d->type_flags && !d->limit0 && !d->base0)
			return GDT_ENTRY_TLS_MIN + i;
	}
	return -ESRCH;
}

/* Install the user_desc at u_info in p's TLS slots. entry_number -1 picks
 * a free slot and writes its number back when can_allocate (set_thread_area;
 * CLONE_SETTLS gives -EINVAL, as Linux); otherwise it must be a TLS slot
 * (else -EINVAL). A bad pointer is -EFAULT. The GDT is reloaded only for
 * current: a child being created gets its slots at its first switch. */
int do_set_thread_area(struct task_struct *p, u32 u_info, bool can_allocate)
{
	struct user_desc u;
	int idx;

	if (copy_from_user(&u, (void *)u_info, sizeof(u)))
		return -EFAULT;
	idx = u.entry_number;
	if (idx == -1 && can_allocate) {
		idx = free_tls_slot(p);
		if (idx < 0)
			return idx;
		if (put_user_u32(idx, (u32 *)u_info))
			return -EFAULT;
	}
	if (idx < GDT_ENTRY_TLS_MIN || idx > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	fill_desc(&p->thread.tls_array[idx - GDT_ENTRY_TLS_MIN], &u);
	if (p == current)
		load_TLS(p);
	return 0;
}

long sys_set_thread_area(u32 u_info, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return do_set_thread_area(current, u_info, true);
}

long sys_get_thread_area(u32 u_info, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct user_desc u;
	const struct desc_struct *desc;

	if (get_user_u32(&u.entry_number, (u32 *)u_info))
		return -EFAULT;
	if (u.entry_number < GDT_ENTRY_TLS_MIN || u.entry_number > GDT_ENTRY_TLS_MAX)
		return -EINVAL;
	desc = &current->thread.tls_array[u.entry_number - GDT_ENTRY_TLS_MIN];
	memset((u32 *)&u + 1, 0, sizeof(u) - 4);
	u.base_addr = desc_base(desc);
	u.limit = desc->limit0 | ((u32)(desc->limit1_flags & 0x0F) << 16);
	u.seg_32bit = !!(desc->limit1_flags & 0x40);
	u.contents = (desc->type_flags >> 2) & 3;
	u.read_exec_only = !(desc->type_flags & 0x02);
	u.limit_in_pages = !!(desc->limit1_flags & 0x80);
	u.seg_not_present = !(desc->type_flags & 0x80);
	u.useable = !!(desc->limit1_flags & 0x10);
	if (!desc->type_flags)
		u.read_exec_only = u.seg_not_present = 1;
	return copy_to_user((void *)u_info, &u, sizeof(u)) ? -EFAULT : 0;
}
