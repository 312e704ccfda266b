/* fs/namei.c: permission checks, and turning a path into a dentry.
 *
 * Permission is Linux's discretionary access control: an inode's mode has
 * rwx bits for its owner, its group and everyone else, and a caller gets
 * exactly one class of them - the owner's if its fsuid owns the inode,
 * else the group's if the inode's group is its fsgid or one of its
 * groups, else the others' (an owner denied by its own bits is denied,
 * whatever the others' say). Root gets through on its capabilities
 * (include/capability.h) where the bits say no.
 *
 * A path is walked one component
 * at a time from the working directory (or from the root if it starts with
 * '/'): "." stays, ".." goes to the parent but never above the root, a
 * symlink is followed by walking its target from the directory holding it
 * (or from the root) - always in the middle of a path, at the end only when
 * asked (LOOKUP_FOLLOW) or when a '/' follows it. At most MAXSYMLINKS links
 * are followed in one lookup, which ends link loops with ELOOP; a link in
 * the middle of a path whose target itself has links in its middle nests,
 * at most MAX_NESTED_LINKS deep (ELOOP beyond), as in Linux 2.6. The walk
 * holds a reference on the dentry it stands on, so nothing it passes through
 * can be freed under it, and on the link whose target it is reading.
 *
 * A name is a child in the tree or, in a directory with its own lookup
 * (procfs), what that lookup makes; a directory something is mounted on
 * leads into the mounted root, and ".." at a mounted root leads back out
 * (follow_mount, follow_dotdot: fs/namespace.c).
 *
 * The system calls come in through the user_path_* helpers at the end:
 * they copy the path in (getname), start a relative one from the cwd or
 * from the *at calls' dirfd, and, for the calls that make or remove a
 * name, stop at the parent directory and classify the last component. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <fs_struct.h>
#include <capability.h>
#include <mount.h>
#include <slab.h>
#include <asm/uaccess.h>

#define MAX_NESTED_LINKS 8      /* links inside links' targets, as Linux 2.6 */

/* The rwx bits of the caller's class (owner, group, others) allow mask? */
static int acl_permission_check(const struct inode *inode, int mask)
{
	unsigned int mode = inode->i_mode;

	if (current->fsuid == inode->i_uid)
		mode >>= 6;
	else if (in_group_p(inode->i_gid))
		mode >>= 3;
	return (mask & ~mode & (MAY_READ | MAY_WRITE | MAY_EXEC)) ? -EACCES : 0;
}

int generic_permission(const struct inode *inode, int mask)
{
	if (!acl_permission_check(inode, mask))
		return 0;
	if (S_ISDIR(inode->i_mode)) {
		if (!(mask & MAY_WRITE) && capable(CAP_DAC_READ_SEARCH))
			return 0;
		return capable(CAP_DAC_OVERRIDE) ? 0 : -EACCES;
	}
	if (mask == MAY_READ && capable(CAP_DAC_READ_SEARCH))
		return 0;
	/* even root executes only what some x bit marks as a program */
	if ((!(mask & MAY_EXEC) || (inode->i_mode & S_IXUGO)) && capable(CAP_DAC_OVERRIDE))
		return 0;
	return -EACCES;
}

int inode_permission(const struct inode *inode, int mask)
{
	return generic_permission(inode, mask);
}

bool inode_owner_or_capable(const struct inode *inode)
{
	return current->fsuid == inode->i_uid || capable(CAP_FOWNER);
}

/* The sticky bit's rule (Linux's check_sticky): true if it forbids. */
static bool check_sticky(const struct inode *dir, const struct inode *inode)
{
	unsigned int fsuid = current->fsuid;

	if (!(dir->i_mode & S_ISVTX))
		return false;
	return inode->i_uid != fsuid && dir->i_uid != fsuid && !capable(CAP_FOWNER);
}

int may_delete(const struct inode *dir, const struct inode *victim)
{
	int err = inode_permission(dir, MAY_WRITE | MAY_EXEC);

	if (err)
		return err;
	return check_sticky(dir, victim) ? -EPERM : 0;
}

struct nameidata {
	struct dentry *root;    /* where "/" and ".." stop */
	int links;              /* symlinks followed so far */
	int depth;              /* nested symlink resolutions now */
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

/* Follow the symlink `link` (referenced; consumed) found in directory d
 * (referenced; consumed) in the middle of a path: walk its target, then the
 * caller goes on from the result. Nested at most MAX_NESTED_LINKS deep
 * (each level is a C frame on an 8 KiB stack); a link at the end of a path
 * is followed by walk itself, without nesting. */
static struct dentry *follow_nested(struct nameidata *nd, struct dentry *d, struct dentry *link)
{
	const char *target = d_link(link);
	struct dentry *res;

	if (nd->depth == MAX_NESTED_LINKS || IS_ERR(target)) {
		dput(link);
		dput(d);
		return ERR_PTR(IS_ERR(target) ? PTR_ERR(target) : -ELOOP);
	}
	nd->depth++;
	res = walk(nd, d, target, true, NULL, NULL);
	nd->depth--;
	dput(link);
	return res;
}

const char *d_link(struct dentry *d)
{
	const struct inode_operations *iop = d->d_inode->i_op;

	return iop && iop->get_link ? iop->get_link(d->d_inode) : d->d_inode->i_link;
}

struct dentry *lookup_child(struct dentry *dir, const char *name, int len)
{
	const struct inode_operations *iop = dir->d_inode->i_op;
	struct dentry *child = d_lookup_get(dir, name, len);

	if (!child && iop && iop->lookup)
		child = iop->lookup(dir, name, len);
	if (!child)
		return ERR_PTR(-ENOENT);
	return IS_ERR(child) ? child : follow_mount(child);
}

/* Walk path from d (referenced; consumed). With `last` non-NULL, stop
 * before the final component and return it there (the parent lookup). */
static struct dentry *walk(struct nameidata *nd, struct dentry *d, const char *path,
			   bool follow_last, const char **last, int *lastlen)
{
	const char *name, *next;
	struct dentry *child, *link = NULL;   /* link: whose target path is in */
	int len, err;

	if (*path == '/') {
		dput(d);
		d = dget(nd->root);
	}
	for (; (name = next_component(path, &len, &next)), len; path = next) {
		bool is_last = only_slashes(next);

		/* Linux's order: not a directory, no search permission, a
		 * name too long for it */
		err = !S_ISDIR(d->d_inode->i_mode) ? -ENOTDIR : inode_permission(d->d_inode, MAY_EXEC);
		if (!err && len > NAME_MAX)
			err = -ENAMETOOLONG;
		if (err)
			goto fail;
		if (is_last && last) {          /* (never inside a link's target) */
			*last = name;
			*lastlen = len;
			return d;
		}
		if (len == 1 && name[0] == '.')
			continue;
		if (len == 2 && name[0] == '.' && name[1] == '.') {
			d = follow_dotdot(d, nd->root);
			continue;
		}
		child = lookup_child(d, name, len);
		err = IS_ERR(child) ? PTR_ERR(child) : 0;
		if (err)
			goto fail;
		/* a link is followed mid-path, at the end when asked, or before a '/' */
		if (!S_ISLNK(child->d_inode->i_mode) || (is_last && !follow_last && *next != '/')) {
			dput(d);
			d = child;
			continue;
		}
		err = ++nd->links > MAXSYMLINKS ? -ELOOP : 0;
		if (err) {
			dput(child);
			goto fail;
		}
		if (is_last) {                  /* the end: walk the target in its place */
			dput(link);             /* path leaves the previous target */
			link = child;
			next = d_link(link);
			err = IS_ERR(next) ? PTR_ERR(next) : 0;
			if (err)
				goto fail;
			follow_last = true;
			if (*next == '/') {
				dput(d);
				d = dget(nd->root);
			}
			continue;
		}
		d = follow_nested(nd, d, child);
		if (IS_ERR(d)) {
			dput(link);
			return d;
		}
	}
	if (last) {                     /* "/" or "": no final component */
		*last = path;
		*lastlen = 0;
	}
	dput(link);
	return d;
fail:
	dput(link);
	dput(d);
	return ERR_PTR(err);
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
	struct nameidata nd = { root, 0, 0 };
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
	struct nameidata nd = { root, 0, 0 };
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

/* --- user paths -------------------------------------------------------- */

char *getname_flags(const char *upath, unsigned int flags)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!name)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(name, upath, PATH_MAX);
	if (n == PATH_MAX)
		n = -ENAMETOOLONG;
	else if (n == 0 && !(flags & LOOKUP_EMPTY))
		n = -ENOENT;
	if (n < 0) {
		kfree(name);
		return ERR_PTR(n);
	}
	return name;
}

char *getname(const char *upath)
{
	return getname_flags(upath, 0);
}

void putname(char *name)
{
	kfree(name);
}

struct dentry *start_dir(int dfd)
{
	struct fd f;
	struct dentry *d;

	if (dfd == AT_FDCWD)
		return current_cwd();
	f = fdget(dfd);
	if (!f.file)
		return ERR_PTR(-EBADF);
	d = S_ISDIR(f.file->f_inode->i_mode) ? dget(f.file->f_dentry) : ERR_PTR(-ENOTDIR);
	fdput(f);
	return d;
}

struct dentry *path_start(int dfd, const char *name)
{
	return name[0] == '/' ? current_root() : start_dir(dfd);
}

/* "" with LOOKUP_EMPTY: dfd's own file, whatever it is, or the cwd. */
static struct dentry *empty_path(int dfd)
{
	struct fd f;
	struct dentry *d;

	if (dfd == AT_FDCWD)
		return current_cwd();
	f = fdget(dfd);
	d = f.file ? dget(f.file->f_dentry) : ERR_PTR(-EBADF);
	fdput(f);
	return d;
}

struct dentry *user_path_at(int dfd, const char *upath, unsigned int flags)
{
	char *name = getname_flags(upath, flags);
	struct dentry *dir, *root, *d;

	if (IS_ERR(name))
		return (struct dentry *)name;
	if (!name[0]) {
		putname(name);
		return empty_path(dfd);
	}
	dir = path_start(dfd, name);
	root = current_root();
	d = IS_ERR(dir) ? dir : path_lookup(root, dir, name, flags & ~LOOKUP_EMPTY);
	if (!IS_ERR(dir))
		dput(dir);
	dput(root);
	putname(name);
	return d;
}

int path_last_type(const char *last, int len)
{
	if (len == 0)
		return LAST_ROOT;
	if (len == 1 && last[0] == '.')
		return LAST_DOT;
	if (len == 2 && last[0] == '.' && last[1] == '.')
		return LAST_DOTDOT;
	return LAST_NORM;
}

int user_path_parent(int dfd, const char *upath, struct path_parent *pp)
{
	struct dentry *dir, *root;

	pp->name = getname(upath);
	if (IS_ERR(pp->name))
		return PTR_ERR(pp->name);
	dir = path_start(dfd, pp->name);
	root = current_root();
	pp->dir = IS_ERR(dir) ? dir : path_lookup_parent(root, dir, pp->name, &pp->last, &pp->len);
	if (!IS_ERR(dir))
		dput(dir);
	dput(root);
	if (IS_ERR(pp->dir)) {
		putname(pp->name);
		return PTR_ERR(pp->dir);
	}
	pp->type = path_last_type(pp->last, pp->len);
	pp->slash = pp->last[pp->len] == '/';
	return 0;
}

void path_parent_release(struct path_parent *pp)
{
	dput(pp->dir);
	putname(pp->name);
}

/* Linux's filename_create: no name to make in "/", "." or ".." (EEXIST);
 * a name that exists is EEXIST; "missing/" is ENOENT unless a directory is
 * being made (mkdir "dir/" is fine); a read-only mount is EROFS; then, as
 * Linux's may_create, the parent must let the caller write and search it
 * (EACCES). */
int user_path_create(int dfd, const char *upath, struct path_parent *pp, bool is_dir)
{
	int err = user_path_parent(dfd, upath, pp);

	if (err)
		return err;
	if (pp->type != LAST_NORM || d_lookup(pp->dir, pp->last, pp->len))
		err = -EEXIST;
	else if (pp->slash && !is_dir)
		err = -ENOENT;
	else if (d_readonly(pp->dir))
		err = -EROFS;
	else
		err = inode_permission(pp->dir->d_inode, MAY_WRITE | MAY_EXEC);
	if (err)
		path_parent_release(pp);
	return err;
}
