/* include/capability.h: root's powers over files, under Linux's names.
 * Linux splits root's privilege into capabilities held in sets; Tasklab
 * keeps no sets and gives a task every capability while it is root, as
 * Linux's emulation of root does: the capabilities that concern files
 * (Linux's CAP_FS_MASK: chown, mknod, overriding permission bits, acting
 * as a file's owner, keeping setuid bits) go with the filesystem uid
 * (fsuid 0), the others with the effective uid (euid 0). Linux raises
 * and drops exactly those when the fsuid moves to or from 0, so a root
 * task that setfsuid()s to a user loses them for its file calls alone.
 * (Having no sets, Tasklab cannot remember what Linux does in one odd
 * corner: there, once setfsuid dropped them, a setreuid that puts the
 * fsuid back to 0 does not raise them; only setfsuid(0) does.) */
#ifndef TASKLAB_CAPABILITY_H
#define TASKLAB_CAPABILITY_H

#include <types.h>
#include <sched.h>

#define CAP_CHOWN            0   /* chown to anyone, chgrp to any group */
#define CAP_DAC_OVERRIDE     1   /* read, write, search anything; exec one x bit */
#define CAP_DAC_READ_SEARCH  2   /* read any file, search any directory */
#define CAP_FOWNER           3   /* what only a file's owner may do */
#define CAP_FSETID           4   /* set setgid without the group; writes keep setuid */
#define CAP_MKNOD            27  /* make device nodes */

#define CAP_FS_MASK ((1U << CAP_CHOWN) | (1U << CAP_DAC_OVERRIDE) | (1U << CAP_DAC_READ_SEARCH) | \
		     (1U << CAP_FOWNER) | (1U << CAP_FSETID) | (1U << CAP_MKNOD))

/* Has current the capability cap (one of the above)? */
static inline bool capable(int cap)
{
	return (CAP_FS_MASK & (1U << cap)) ? current->fsuid == 0 : current->euid == 0;
}

/* Is gid current's filesystem gid or one of its supplementary groups?
 * (kernel/groups.c; Linux's in_group_p.) */
bool in_group_p(unsigned int gid);

#endif
