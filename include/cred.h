/* include/cred.h: a task's supplementary groups (kernel/groups.c), Linux's
 * group_info: a sorted array of gids, shared by reference (fork copies the
 * pointer; setgroups gives the caller a new one). Every kernel thread and
 * init start with init_groups, which is empty, as Linux's. */
#ifndef TASKLAB_CRED_H
#define TASKLAB_CRED_H

#include <types.h>

#define NGROUPS_MAX 65536               /* Linux's limit on setgroups' size */

struct group_info {
	int usage;                      /* references: tasks and callers */
	int ngroups;
	unsigned int gid[];             /* ascending (groups_sort) */
};

extern struct group_info init_groups;

/* Atomic: every fork takes one and every task's last put_task_struct,
 * on any CPU, drops one (most tasks share init_groups). */
static inline struct group_info *get_group_info(struct group_info *gi)
{
	__atomic_add_fetch(&gi->usage, 1, __ATOMIC_RELAXED);
	return gi;
}
/* Drop a reference; the last one frees it (never init_groups). */
void put_group_info(struct group_info *gi);
/* Is gid current's filesystem gid (which follows the effective gid) or
 * one of its supplementary groups? (For permission checks, as Linux's
 * in_group_p.) */
bool in_group_p(unsigned int gid);
/* Supplementary groups allocated (not init_groups): a leak counter. */
extern unsigned long nr_group_infos;

#endif
