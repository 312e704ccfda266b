/* fs/d_path.c: the path of a dentry, for getcwd: the names from the dentry
 * up to the root, written right to left at the end of a buffer. A dentry
 * outside the given root (a chroot's escapee) is shown from the top. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>

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
