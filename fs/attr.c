/* fs/attr.c: changing an inode's attributes. notify_change applies a
 * struct iattr (mode, owner, size, times): every attribute change goes
 * through it, as in Linux, and first through setattr_prepare, which says
 * who may make it (EPERM otherwise):
 *   mode      the owner or root (CAP_FOWNER); the setgid bit set by an
 *             owner who is not in the file's group (and not root) is
 *             dropped without a word, as Linux's
 *   owner     root (CAP_CHOWN) alone; the owner may only "change" it to
 *             itself
 *   group     root, or the owner to its own gid or one of its groups
 *   times     set to given values: the owner or root; set to now:
 *             anyone who may also write the file (EACCES if not)
 * Here too are the calls that change modes and owners: chmod, fchmod,
 * fchmodat; chown, fchown, lchown and fchownat, in their 32-bit forms
 * (chown32 & co) and i386's old 16-bit ones, where the id 0xffff means -1
 * ("leave it") as Linux's low2highuid has it. Both set the ctime. chown
 * of anything but a directory clears the setuid bit, and the setgid bit
 * when group execute is set (a setgid bit without it marks mandatory
 * locking), for root too, as Linux since 2.2.13; a write or truncate by
 * anyone but root clears them too (dentry_remove_privs), so that whoever
 * may write a setuid program cannot make it run their code as its owner.
 * Nothing on a read-only mount changes (EROFS, before any other check). */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <capability.h>
#include <mount.h>
#include <syscall.h>

/* May the caller make inode's owner uid (Linux's chown_ok)? */
static bool chown_ok(const struct inode *inode, uid_t uid)
{
	return (current->fsuid == inode->i_uid && uid == inode->i_uid) || capable(CAP_CHOWN);
}

/* ... its group gid (chgrp_ok)? */
static bool chgrp_ok(const struct inode *inode, gid_t gid)
{
	return (current->fsuid == inode->i_uid && (in_group_p(gid) || gid == inode->i_gid)) ||
	       capable(CAP_CHOWN);
}

/* Linux's setattr_prepare: may the caller change what attr asks? 0,
 * -EPERM or -EACCES; a setgid bit it may not set is taken out of attr. */
static int setattr_prepare(const struct inode *inode, struct iattr *attr)
{
	unsigned int v = attr->ia_valid;

	if ((v & ATTR_UID) && !chown_ok(inode, attr->ia_uid))
		return -EPERM;
	if ((v & ATTR_GID) && !chgrp_ok(inode, attr->ia_gid))
		return -EPERM;
	if (v & ATTR_MODE) {
		if (!inode_owner_or_capable(inode))
			return -EPERM;
		if (!in_group_p(v & ATTR_GID ? attr->ia_gid : inode->i_gid) && !capable(CAP_FSETID))
			attr->ia_mode &= ~S_ISGID;
	}
	if ((v & ATTR_TIMES_SET) && !inode_owner_or_capable(inode))
		return -EPERM;
	if ((v & ATTR_TOUCH) && !inode_owner_or_capable(inode))
		return inode_permission(inode, MAY_WRITE);
	return 0;
}

/* The filesystem's own size change, or the ramfs's, under the inode's
 * i_rwsem: a write (or an append) on another CPU sees the size before or
 * after, never a page freed under it nor its end moved back. */
static int set_size(struct inode *inode, loff_t size)
{
	const struct inode_operations *iop = inode->i_op;
	int err;

	inode_lock(inode);
	err = iop && iop->setsize ? iop->setsize(inode, size) : ramfs_truncate(inode, size);
	inode_unlock(inode);
	return err;
}

int notify_change(struct dentry *d, struct iattr *attr)
{
	struct inode *inode = d->d_inode;
	unsigned int v = attr->ia_valid;
	struct timespec64 now = current_time();
	int err;

	if (d_readonly(d))
		return -EROFS;
	if (!(v & ATTR_FORCE) && (err = setattr_prepare(inode, attr)))
		return err;
	v = attr->ia_valid;
	if ((v & ATTR_SIZE) && (err = set_size(inode, attr->ia_size)))
		return err;
	if (v & ATTR_UID)
		inode->i_uid = attr->ia_uid;
	if (v & ATTR_GID)
		inode->i_gid = attr->ia_gid;
	if (v & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->ia_mode & S_IALLUGO);
	if (v & ATTR_ATIME)
		inode->i_atime = (v & ATTR_ATIME_SET) ? attr->ia_atime : now;
	if (v & ATTR_MTIME)
		inode->i_mtime = (v & ATTR_MTIME_SET) ? attr->ia_mtime : now;
	if (v & ATTR_CTIME)
		inode->i_ctime = now;
	return 0;
}

/* The setid bits a write or truncate by the caller takes off inode's
 * mode (Linux's should_remove_suid): none for root (CAP_FSETID). */
static umode_t suid_bits_to_kill(const struct inode *inode)
{
	umode_t kill = inode->i_mode & S_ISUID;

	if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		kill |= S_ISGID;
	return kill && !capable(CAP_FSETID) ? kill : 0;
}

int dentry_remove_privs(struct dentry *d)
{
	struct iattr attr = { .ia_valid = ATTR_MODE | ATTR_FORCE };
	struct inode *inode = d->d_inode;

	if (likely(!(inode->i_mode & (S_ISUID | S_ISGID))) || !S_ISREG(inode->i_mode))
		return 0;
	attr.ia_mode = inode->i_mode & ~suid_bits_to_kill(inode);
	return attr.ia_mode == inode->i_mode ? 0 : notify_change(d, &attr);
}

static long chmod_common(struct dentry *d, u32 mode)
{
	struct iattr attr = { .ia_valid = ATTR_MODE | ATTR_CTIME, .ia_mode = (u16)mode & S_IALLUGO };

	return notify_change(d, &attr);
}

/* fchmodat(dirfd, path, mode): follows a symlink (Linux's has no flags;
 * a link's own mode means nothing). mode is a umode_t: 16 bits. */
long sys_fchmodat(u32 dfd, u32 upath, u32 mode, u32 d, u32 e, u32 f)
{
	struct dentry *dentry = user_path_at((int)dfd, (const char *)upath, LOOKUP_FOLLOW);
	long err;

	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	err = chmod_common(dentry, mode);
	dput(dentry);
	return err;
}

long sys_chmod(u32 upath, u32 mode, u32 c, u32 d, u32 e, u32 f)
{
	return sys_fchmodat((u32)AT_FDCWD, upath, mode, 0, 0, 0);
}

long sys_fchmod(u32 fd, u32 mode, u32 c, u32 d, u32 e, u32 f)
{
	struct fd file = fdget((int)fd);
	long ret = file.file ? chmod_common(file.file->f_dentry, mode) : -EBADF;

	fdput(file);
	return ret;
}

#define NO_ID ((u32)-1)

static long chown_common(struct dentry *d, u32 uid, u32 gid)
{
	struct iattr attr = { .ia_valid = ATTR_CTIME, .ia_uid = uid, .ia_gid = gid };
	umode_t mode = d->d_inode->i_mode;

	if (uid != NO_ID)
		attr.ia_valid |= ATTR_UID;
	if (gid != NO_ID)
		attr.ia_valid |= ATTR_GID;
	if (!S_ISDIR(mode) && (mode & (S_ISUID | S_ISGID))) {
		if ((mode & (S_ISGID | 0010)) == (S_ISGID | 0010))
			mode &= ~S_ISGID;
		attr.ia_valid |= ATTR_MODE;
		attr.ia_mode = mode & ~S_ISUID;
	}
	return notify_change(d, &attr);
}

/* fchownat(dirfd, path, uid, gid, flags): AT_SYMLINK_NOFOLLOW changes a
 * link itself, AT_EMPTY_PATH the file dirfd; other flags are EINVAL. */
long sys_fchownat(u32 dfd, u32 upath, u32 uid, u32 gid, u32 flags, u32 f)
{
	struct dentry *d;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	d = user_path_at((int)dfd, (const char *)upath, at_lookup_flags(flags));
	if (IS_ERR(d))
		return PTR_ERR(d);
	err = chown_common(d, uid, gid);
	dput(d);
	return err;
}

long sys_chown32(u32 upath, u32 uid, u32 gid, u32 d, u32 e, u32 f)
{
	return sys_fchownat((u32)AT_FDCWD, upath, uid, gid, 0, 0);
}

long sys_lchown32(u32 upath, u32 uid, u32 gid, u32 d, u32 e, u32 f)
{
	return sys_fchownat((u32)AT_FDCWD, upath, uid, gid, AT_SYMLINK_NOFOLLOW, 0);
}

long sys_fchown32(u32 fd, u32 uid, u32 gid, u32 d, u32 e, u32 f)
{
	struct fd file = fdget((int)fd);
	long ret = file.file ? chown_common(file.file->f_dentry, uid, gid) : -EBADF;

	fdput(file);
	return ret;
}

/* An old 16-bit id (the register's low half): 0xffff is -1. */
static u32 low2highid(u32 id)
{
	return (u16)id == 0xffff ? NO_ID : (u16)id;
}

long sys_chown16(u32 upath, u32 uid, u32 gid, u32 d, u32 e, u32 f)
{
	return sys_chown32(upath, low2highid(uid), low2highid(gid), 0, 0, 0);
}

long sys_lchown16(u32 upath, u32 uid, u32 gid, u32 d, u32 e, u32 f)
{
	return sys_lchown32(upath, low2highid(uid), low2highid(gid), 0, 0, 0);
}

long sys_fchown16(u32 fd, u32 uid, u32 gid, u32 d, u32 e, u32 f)
{
	return sys_fchown32(fd, low2highid(uid), low2highid(gid), 0, 0, 0);
}
