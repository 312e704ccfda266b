/* fs/proc/version.c: /proc/version, Linux's banner: the system's name and
 * release, who built it with which compiler, and the version string uname
 * gives (include/utsname.h). */
#include <kernel.h>
#include <utsname.h>
#include "internal.h"

int proc_version_show(struct seq_file *m, struct proc_inode *pi)
{
	const struct new_utsname *u = utsname();

	seq_printf(m, "%s version %s (tasklab@tasklab) (gcc version %s) %s\n",
		   u->sysname, u->release, __VERSION__, u->version);
	return 0;
}
