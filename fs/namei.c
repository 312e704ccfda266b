/* fs/namei.c: turning a path into a dentry. A path is walked one component
 * at a time from the working directory (or from the root if it starts with
 * '/'): "." stays, ".." goes to the parent but never above the root, a
 * symlink is followed by walking its target from the directory holding it
 * (or from the root) - always in the middle of a path, at the end only when
 * asked (LOOKUP_FOLLOW) or when a '/' follows it. At most MAXSYMLINKS links
 * are followed in one lookup, which ends link loops with ELOOP. The walk
 * holds a reference on the dentry it stands on, so nothing it passes through
 * can be freed under it. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>

struct nameidata {
	struct dentry *root;    /* where "/" and ".." stop */
	int links;              /* symlinks followed so far */
};

/* One component of the path at p: *len bytes, *next just after it. */
static const char *next_component(const char *p, int *len, const char **next)
{
	const char *end;

	while (*p == '/')
		p++;
	for (end = p; *end && *end != '/'; end++)
		;
	*len = end - p;
	*next = end;
	return p;
}

static bool only_slashes(const char *p)
{
	while (*p == '/')
		p++;
	return *p == '\0';
}

static struct dentry *walk(struct nameidata *nd, struct dentry *d, const char *path,
			   bool follow_last, const char **last, int *lastlen);

/* Step from directory d (referenced; consumed) to its entry name[0..len).
 * follow: resolve it if it is a symlink. Returns the new position. */
static struct dentry *step(struct nameidata *nd, struct dentry *d, const char *name,
			   int len, bool follow)
{
	struct dentry *child;

	if (!S_ISDIR(d->d_inode->i_mode)) {
		dput(d);
		return ERR_PTR(-ENOTDIR);
	}
	if (len == 1 && name[0] == '.')
		return d;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		child = d == nd->root ? d : d->d_parent;
		dget(child);
		dput(d);
		return child;
	}
	child = d_lookup(d, name, len);
	if (!child) {
		dput(d);
		return ERR_PTR(-ENOENT);
	}
	if (!follow || !S_ISLNK(child->d_inode->i_mode)) {
		dget(child);
		dput(d);
		return child;
	}
	if (++nd->links > MAXSYMLINKS) {
		dput(d);
		return ERR_PTR(-ELOOP);
	}
	return walk(nd, d, child->d_inode->i_link, true, NULL, NULL);
}

/* Walk path from d (referenced; consumed). With `last` non-NULL, stop
 * before the final component and return it there (the parent lookup). */
static struct dentry *walk(struct nameidata *nd, struct dentry *d, const char *path,
			   bool follow_last, const char **last, int *lastlen)
{
	const char *name, *next;
	int len;

	if (*path == '/') {
		dput(d);
		d = dget(nd->root);
	}
	for (;;) {
		name = next_component(path, &len, &next);
		if (len == 0)
			break;                  /* the path ended (maybe after slashes) */
		if (len > NAME_MAX) {
			dput(d);
			return ERR_PTR(-ENAMETOOLONG);
		}
		bool is_last = only_slashes(next);
		if (is_last && last) {
			*last = name;
			*lastlen = len;
			return d;
		}
		/* a link followed by '/' must be followed even at the end */
		d = step(nd, d, name, len, !is_last || follow_last || *next == '/');
		if (IS_ERR(d))
			return d;
		path = next;
	}
	if (last) {                     /* "/" or "": no final component */
		*last = path;
		*lastlen = 0;
	}
	return d;
}

static int check_path(const char *path)
{
	size_t len = strnlen(path, PATH_MAX);

	if (len == 0)
		return -ENOENT;
	return len == PATH_MAX ? -ENAMETOOLONG : 0;
}

struct dentry *path_lookup(struct dentry *root, struct dentry *cwd,
			   const char *path, unsigned int flags)
{
	struct nameidata nd = { root, 0 };
	int err = check_path(path);
	struct dentry *d;

	if (err)
		return ERR_PTR(err);
	d = walk(&nd, dget(cwd), path, flags & LOOKUP_FOLLOW, NULL, NULL);
	if (IS_ERR(d))
		return d;
	/* "dir/" and LOOKUP_DIRECTORY both insist on a directory */
	if (((flags & LOOKUP_DIRECTORY) || path[strlen(path) - 1] == '/') &&
	    !S_ISDIR(d->d_inode->i_mode)) {
		dput(d);
		return ERR_PTR(-ENOTDIR);
	}
	return d;
}

struct dentry *path_lookup_parent(struct dentry *root, struct dentry *cwd, const char *path,
				  const char **last, int *lastlen)
{
	struct nameidata nd = { root, 0 };
	int err = check_path(path);
	struct dentry *d;

	if (err)
		return ERR_PTR(err);
	d = walk(&nd, dget(cwd), path, true, last, lastlen);
	if (!IS_ERR(d) && !S_ISDIR(d->d_inode->i_mode)) {
		dput(d);
		return ERR_PTR(-ENOTDIR);
	}
	return d;
}
