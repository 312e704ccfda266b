/* fs/proc/mounts.c: /proc/<pid>/mounts (and /proc/mounts, a link to
 * self/mounts), one line per mount in mount order, "device mountpoint
 * type options 0 0" with space, tab, newline and backslash written as
 * octal escapes (mount(8) and BusyBox's mount read it back); and
 * /proc/filesystems, the types mount -t accepts ("nodev" for those that
 * need no device). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <slab.h>
#include "internal.h"

int proc_mounts_show(struct seq_file *m, struct proc_inode *pi)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL), opts[64];
	struct vfsmount *mnt;

	if (!path)
		return -ENOMEM;
	down_read(&namespace_sem);            /* no mount comes or goes */
	list_for_each_entry(mnt, &mount_list, mnt_list) {
		const char *type = mnt->mnt_sb ? mnt->mnt_sb->s_type->name : "rootfs";
		char *p = d_path(root_dentry, mnt->mnt_root, path, PATH_MAX);

		mnt_show_flags(mnt, opts, sizeof(opts));
		seq_escape(m, mnt->mnt_devname, " \t\n\\");
		seq_putc(m, ' ');
		seq_escape(m, IS_ERR(p) ? "?" : p, " \t\n\\");
		seq_printf(m, " %s %s 0 0\n", type, opts);
	}
	up_read(&namespace_sem);
	kfree(path);
	return 0;
}

static void show_filesystem(struct file_system_type *type, void *arg)
{
	seq_printf(arg, "%s\t%s\n", (type->fs_flags & FS_REQUIRES_DEV) ? "" : "nodev", type->name);
}

int proc_filesystems_show(struct seq_file *m, struct proc_inode *pi)
{
	for_each_filesystem(show_filesystem, m);
	return 0;
}
