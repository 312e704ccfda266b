/* fs/d_path.c: the path of a dentry, for getcwd and procfs (exe, cwd, fd
 * links, /proc/mounts): the names from the dentry up to the root, written
 * right to left at the end of a buffer. The root of a mounted tree is
 * passed through to the directory it covers (fs/namespace.c). A dentry
 * outside the given root (a chroot's escapee) is shown from the top. A
 * dentry in no directory at all (its own parent, yet neither the root nor
 * a mounted tree's root: an anonymous inode's, shared memory's, a pipe's)
 * is shown by its own name, "anon_inode:[pidfd]", as Linux's d_dname
 * gives it. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <mount.h>
#include <slab.h>
#include <spinlock.h>
#include <syscall.h>
#include <asm/uaccess.h>

static char *__d_path(struct dentry *root, struct dentry *d, char *buf, size_t size)
{
	char *p = buf + size;

	*--p = '\0';
	if (d->d_parent == d && d != root && d != root_dentry && !lookup_mnt_root(d)) {
		if (size < d->d_namelen + 1)
			return ERR_PTR(-ERANGE);
		return memcpy(p - d->d_namelen, d->d_name, d->d_namelen);
	}
	while (d != root) {
		if (d->d_parent == d) {          /* a tree's root: out of its mount */
			struct vfsmount *m = lookup_mnt_root(d);

			if (!m || m->mnt_mountpoint == d)
				break;
			d = m->mnt_mountpoint;
			continue;
		}
		if ((size_t)(p - buf) < d->d_namelen + 1)
			return ERR_PTR(-ERANGE);
		p -= d->d_namelen;
		memcpy(p, d->d_name, d->d_namelen);
		*--p = '/';
		d = d->d_parent;
	}
	if (!*p)
		*--p = '/';             /* the root itself */
	return p;
}

/* Under rename_lock: a rename on another CPU frees a replaced name and
 * moves a dentry to a new parent (dropping its reference on the old); and
 * vfsmount_lock: a umount on another CPU frees the mount whose
 * mountpoint the walk crosses to. */
char *d_path(struct dentry *root, struct dentry *d, char *buf, size_t size)
{
	char *p;

	if (size < 2)
		return ERR_PTR(-ERANGE);
	spin_lock(&rename_lock);
	spin_lock(&vfsmount_lock);
	p = __d_path(root, d, buf, size);
	spin_unlock(&vfsmount_lock);
	spin_unlock(&rename_lock);
	return p;
}

/* getcwd(buf, size): the length with the NUL; ERANGE when it does not
 * fit, ENOENT when the working directory was removed (Linux's rule). */
long sys_getcwd(u32 ubuf, u32 size, u32 c, u32 d, u32 e, u32 f)
{
	struct dentry *pwd = current_cwd(), *root = current_root();
	char *page = kmalloc(PATH_MAX, GFP_KERNEL), *p;
	long len = -ENOMEM;

	if (page && d_unlinked(pwd)) {
		len = -ENOENT;
	} else if (page) {
		p = d_path(root, pwd, page, PATH_MAX);
		len = IS_ERR(p) ? PTR_ERR(p) : (long)strlen(p) + 1;
		if (len > 0 && (u32)len > size)
			len = -ERANGE;
		else if (len > 0 && copy_to_user((void *)ubuf, p, len))
			len = -EFAULT;
	}
	kfree(page);
	dput(root);
	dput(pwd);
	return len;
}
