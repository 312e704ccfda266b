/* fs/d_path.c: the path of a dentry, and getcwd: the names from the dentry
 * up to the root, written right to left at the end of a buffer. A dentry
 * outside the given root (a chroot's escapee) is shown from the top. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <slab.h>
#include <syscall.h>
#include <asm/uaccess.h>

char *d_path(struct dentry *root, struct dentry *d, char *buf, size_t size)
{
	char *p = buf + size;

	if (size < 2)
		return ERR_PTR(-ERANGE);
	*--p = '\0';
	for (; d != root && d->d_parent != d; d = d->d_parent) {
		if ((size_t)(p - buf) < d->d_namelen + 1)
			return ERR_PTR(-ERANGE);
		p -= d->d_namelen;
		memcpy(p, d->d_name, d->d_namelen);
		*--p = '/';
	}
	if (!*p)
		*--p = '/';             /* the root itself */
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
