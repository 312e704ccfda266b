/* tests/test_initramfs.c: the real initramfs (build/initramfs.cpio, module
 * 0) as unpacked at boot: /sbin/init and the glibc program are valid static
 * i386 executables, the symlinks resolve, /etc/motd reads back, /bin lists
 * the programs, and /dev/console is the 5:1 character device. Skipped when
 * the kernel was booted without an initramfs. */
#include <kernel.h>
#include <elf.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <slab.h>
#include <multiboot.h>
#include "fs_helpers.h"

static void need_initramfs(struct ktest *t)
{
	if (boot_params.nr_modules == 0)
		KTEST_SKIP(t, "booted without an initramfs (-initrd build/initramfs.cpio)");
	KTEST_ASSERT_NOT_NULL(t, root_dentry);
}

/* Open path in the boot root and read its ELF image; 0 or -errno. */
static int read_elf(const char *path, struct elf_image *img, loff_t *size)
{
	struct file *f = filp_open(root_dentry, root_dentry, path, O_RDONLY, 0);
	int err;

	if (IS_ERR(f))
		return PTR_ERR(f);
	*size = f->f_inode->i_size;
	err = elf_read_image(f, img);
	fput(f);
	return err;
}

static void initramfs_init_is_static_elf(struct ktest *t)
{
	struct elf_image img;
	loff_t size;

	need_initramfs(t);
	KTEST_ASSERT_EQ(t, read_elf("/sbin/init", &img, &size), 0);
	KTEST_EXPECT_GT(t, img.nr_segments, 1);
	KTEST_EXPECT_GE(t, img.entry, img.seg[0].vaddr);
	KTEST_EXPECT_LT(t, img.brk, 0xC0000000UL);
	KTEST_EXPECT_GT(t, size, 4096);
	ktest_log(t, "/sbin/init: %lld bytes, entry %#x, %d segments, brk %#x",
		  size, img.entry, img.nr_segments, img.brk);
}

static void initramfs_glibc_program_is_static_elf(struct ktest *t)
{
	struct elf_image img;
	loff_t size;

	need_initramfs(t);
	KTEST_ASSERT_EQ(t, read_elf("/bin/hello-glibc", &img, &size), 0);
	KTEST_EXPECT_GT(t, size, 400 * 1024);       /* static glibc: hundreds of KiB */
	KTEST_EXPECT_NE(t, img.phdr, 0);            /* glibc needs AT_PHDR (PT_TLS) */
	KTEST_EXPECT_FALSE(t, img.exec_stack);
	ktest_log(t, "/bin/hello-glibc: %lld bytes, entry %#x, AT_PHDR %#x", size, img.entry, img.phdr);
}

static void initramfs_symlinks_resolve(struct ktest *t)
{
	struct dentry *init, *sh, *link;

	need_initramfs(t);
	/* /sbin/init and /bin/sh are links to /bin/busybox, or (without
	 * BusyBox) to tasklab-init and /sbin/init */
	init = path_lookup(root_dentry, root_dentry, "/sbin/init", LOOKUP_FOLLOW);
	KTEST_ASSERT_FALSE(t, IS_ERR(init));
	sh = path_lookup(root_dentry, root_dentry, "/bin/sh", LOOKUP_FOLLOW);
	KTEST_EXPECT_PTR_EQ(t, sh, init);
	if (!IS_ERR(sh))
		dput(sh);
	link = path_lookup(root_dentry, root_dentry, "/init", 0);               /* -> sbin/init */
	KTEST_EXPECT_FALSE(t, IS_ERR(link));
	if (!IS_ERR(link)) {
		KTEST_EXPECT_TRUE(t, S_ISLNK(link->d_inode->i_mode));
		KTEST_EXPECT_STREQ(t, link->d_inode->i_link, "sbin/init");
		dput(link);
	}
	link = path_lookup(root_dentry, root_dentry, "/init", LOOKUP_FOLLOW);
	KTEST_EXPECT_PTR_EQ(t, link, init);
	if (!IS_ERR(link))
		dput(link);
	dput(init);
}

static void initramfs_motd_reads_back(struct ktest *t)
{
	char buf[64] = "";

	need_initramfs(t);
	KTEST_EXPECT_GT(t, ktest_read_file(root_dentry, "/etc/motd", buf, sizeof(buf) - 1), 20);
	KTEST_EXPECT_EQ(t, strncmp(buf, "Welcome to Tasklab.", 19), 0);
}

#define NAMES_SIZE 4096             /* every name in /bin, a space after each
				     * (BusyBox's applet links among them) */

static int list_names(void *ctx, const char *name, int namelen, loff_t pos,
		      unsigned long ino, unsigned int type)
{
	char *names = ctx;
	size_t len = strlen(names);

	snprintf(names + len, NAMES_SIZE - len, "%.*s ", namelen, name);
	return 0;
}

static void initramfs_bin_lists_programs(struct ktest *t)
{
	char *names = kzalloc(NAMES_SIZE, GFP_KERNEL);
	struct file *f;
	int n = 0;

	need_initramfs(t);
	KTEST_ASSERT_NOT_NULL(t, names);
	f = filp_open(root_dentry, root_dentry, "/bin", O_RDONLY | O_DIRECTORY, 0);
	if (IS_ERR(f))
		kfree(names);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_readdir(f, list_names, names), 0);
	fput(f);
	KTEST_EXPECT_LT(t, strlen(names), NAMES_SIZE - 1);     /* none cut off */
	KTEST_EXPECT_NOT_NULL(t, strstr(names, " hello "));
	KTEST_EXPECT_NOT_NULL(t, strstr(names, " hello-glibc "));
	KTEST_EXPECT_NOT_NULL(t, strstr(names, " sh "));
	KTEST_EXPECT_NOT_NULL(t, strstr(names, " utest_libc "));
	KTEST_EXPECT_NOT_NULL(t, strstr(names, " ps "));
	for (char *p = names; *p; p++)
		n += *p == ' ';
	ktest_log(t, "/bin: %d names, %.120s...", n, names);
	kfree(names);
}

static void initramfs_has_dev_console(struct ktest *t)
{
	struct dentry *d;

	need_initramfs(t);
	d = path_lookup(root_dentry, root_dentry, "/dev/console", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	KTEST_EXPECT_TRUE(t, S_ISCHR(d->d_inode->i_mode));
	KTEST_EXPECT_EQ(t, d->d_inode->i_rdev, MKDEV(5, 1));
	dput(d);
}

/* The archive's modes and owners are the files' (scripts/mkinitramfs.sh):
 * programs root's 0755 (/sbin/init is a link to one of them), /etc's files
 * 0644, /tmp 1777, and the setuid and setgid copies of whoami with their
 * bits. */
static void initramfs_modes_and_owners(struct ktest *t)
{
	static const struct { const char *path; umode_t mode; } f[] = {
		{ "/sbin/tasklab-init", S_IFREG | 0755 }, { "/bin/hello", S_IFREG | 0755 },
		{ "/etc", S_IFDIR | 0755 }, { "/etc/motd", S_IFREG | 0644 },
		{ "/tmp", S_IFDIR | 01777 }, { "/bin/whoami-suid", S_IFREG | 04755 },
		{ "/bin/whoami-sgid", S_IFREG | 02755 },
	};

	need_initramfs(t);
	for (size_t i = 0; i < ARRAY_SIZE(f); i++) {
		struct dentry *d = path_lookup(root_dentry, root_dentry, f[i].path, 0);

		KTEST_ASSERT_FALSE(t, IS_ERR(d));
		KTEST_EXPECT_EQ(t, d->d_inode->i_mode, f[i].mode);
		KTEST_EXPECT_EQ(t, d->d_inode->i_uid, 0);
		KTEST_EXPECT_EQ(t, d->d_inode->i_gid, 0);
		dput(d);
	}
}

static const struct ktest_case initramfs_cases[] = {
	KTEST_CASE(initramfs_init_is_static_elf),
	KTEST_CASE(initramfs_modes_and_owners),
	KTEST_CASE(initramfs_glibc_program_is_static_elf),
	KTEST_CASE(initramfs_symlinks_resolve),
	KTEST_CASE(initramfs_motd_reads_back),
	KTEST_CASE(initramfs_bin_lists_programs),
	KTEST_CASE(initramfs_has_dev_console),
	{}
};
KTEST_SUITE(initramfs, initramfs_cases);
