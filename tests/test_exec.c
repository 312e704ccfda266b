/* tests/test_exec.c: exec's argument half (fs/exec_args.c) and the choice
 * of init (fs/init_path.c). The initial stack is built for a known argv,
 * envp and ELF image, then read back the way a program's _start reads it:
 * argc, the pointer arrays, the auxiliary vector and the strings they point
 * to, all inside [esp, top) with esp 16-byte aligned. Limits give E2BIG,
 * bad user pointers EFAULT. */
#include <kernel.h>
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <multiboot.h>
#include <vmalloc.h>
#include <uapi/linux/auxvec.h>
#include "fs_helpers.h"

#define TOP 0xC0000000UL

struct stack_view {
	const u8 *image;        /* the byte at user address esp */
	unsigned long esp;
};

static const void *uptr(const struct stack_view *v, unsigned long u)
{
	return v->image + (u - v->esp);
}

static u32 word(const struct stack_view *v, unsigned long u)
{
	return *(const u32 *)uptr(v, u);
}

/* The value of auxv entry `type`, or 0xdeadbeef if the vector lacks it. */
static u32 auxv_get(const struct stack_view *v, unsigned long auxv, u32 type)
{
	for (unsigned long u = auxv; u < TOP; u += 8) {
		if (word(v, u) == type)
			return word(v, u + 4);
		if (word(v, u) == AT_NULL)
			break;
	}
	return 0xdeadbeef;
}

static const struct elf_image test_img = {
	.entry = 0x08049100, .phdr = 0x08048034, .phnum = 5, .phent = 32,
};

static void exec_stack_layout(struct ktest *t)
{
	static const char *const argv[] = { "init", "-c", "hello world", NULL };
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	/* a setuid-root program run by uid 1000: AT_SECURE says so */
	struct exec_creds cred = { .uid = 1000, .gid = 1000, .secure = true, .hwcap = 0x178bfbff };
	struct exec_args a;
	struct stack_view v;
	unsigned long esp, u;

	for (int i = 0; i < 16; i++)
		cred.random[i] = (u8)(i * 17 + 3);
	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	KTEST_EXPECT_EQ(t, exec_copy_strings_kernel(&a, argv, false), 0);
	KTEST_EXPECT_EQ(t, exec_copy_strings_kernel(&a, envp, true), 0);
	KTEST_EXPECT_EQ(t, exec_set_filename(&a, "/sbin/init"), 0);
	KTEST_ASSERT_EQ(t, exec_build_stack(&a, &test_img, &cred, TOP, &esp), 0);
	v = (struct stack_view){ exec_stack_image(&a, TOP, esp), esp };
	KTEST_EXPECT_EQ(t, esp % 16, 0);
	KTEST_EXPECT_GT(t, esp, TOP - 512);                 /* a small stack for small args */
	KTEST_EXPECT_EQ(t, word(&v, TOP - 4), 0);
	KTEST_EXPECT_EQ(t, word(&v, esp), 3);               /* argc */
	for (int i = 0; i < 3; i++) {
		u = word(&v, esp + 4 + 4 * i);
		KTEST_ASSERT_TRUE(t, u > esp && u < TOP);
		KTEST_EXPECT_STREQ(t, uptr(&v, u), argv[i]);
	}
	KTEST_EXPECT_EQ(t, word(&v, esp + 16), 0);          /* argv[3] */
	KTEST_EXPECT_STREQ(t, uptr(&v, word(&v, esp + 20)), "HOME=/");
	KTEST_EXPECT_STREQ(t, uptr(&v, word(&v, esp + 24)), "TERM=linux");
	KTEST_EXPECT_EQ(t, word(&v, esp + 28), 0);          /* envp[2] */
	u = esp + 32;                                       /* auxv */
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_PHDR), 0x08048034);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_PHNUM), 5);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_PHENT), 32);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_ENTRY), 0x08049100);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_PAGESZ), 4096);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_HWCAP), 0x178bfbff);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_CLKTCK), 100);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_SECURE), 1);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_UID), 1000);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_EUID), 0);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, AT_GID), 1000);
	KTEST_EXPECT_STREQ(t, uptr(&v, auxv_get(&v, u, AT_EXECFN)), "/sbin/init");
	KTEST_EXPECT_STREQ(t, uptr(&v, auxv_get(&v, u, AT_PLATFORM)), "i686");
	KTEST_EXPECT_EQ(t, memcmp(uptr(&v, auxv_get(&v, u, AT_RANDOM)), cred.random, 16), 0);
	KTEST_EXPECT_EQ(t, auxv_get(&v, u, 99), 0xdeadbeef);   /* absent: the walk ended */
	exec_args_free(&a);
}

static void exec_args_limits(struct ktest *t)
{
	static const char *const two[] = { "a", "b", NULL };
	const char *argv[2] = { NULL, NULL };
	struct exec_args a;
	char *big;
	int n = 0, err;

	big = vmalloc(MAX_ARG_STRLEN + 1);
	KTEST_ASSERT_NOT_NULL(t, big);
	memset(big, 'x', MAX_ARG_STRLEN);
	big[MAX_ARG_STRLEN] = '\0';                 /* one byte too long with its NUL */
	argv[0] = big;
	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	KTEST_EXPECT_EQ(t, exec_copy_strings_kernel(&a, argv, false), -E2BIG);
	big[1000] = '\0';                           /* 1001 bytes: fits, until it doesn't */
	while ((err = exec_copy_strings_kernel(&a, argv, false)) == 0)
		n++;
	KTEST_EXPECT_EQ(t, err, -E2BIG);
	KTEST_EXPECT_EQ(t, n, MAX_ARG_BYTES / 1001);
	exec_args_free(&a);
	/* the strings fit but the pointers and auxv do not */
	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	while (exec_copy_strings_kernel(&a, two, false) == 0)
		;
	unsigned long esp;
	KTEST_EXPECT_EQ(t, exec_build_stack(&a, &test_img, &(struct exec_creds){ 0 }, TOP, &esp),
			-E2BIG);
	exec_args_free(&a);
	/* argv must come before envp, both before the file name */
	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	KTEST_EXPECT_EQ(t, exec_copy_strings_kernel(&a, two, true), 0);
	KTEST_EXPECT_EQ(t, exec_copy_strings_kernel(&a, two, false), -EINVAL);
	KTEST_EXPECT_EQ(t, exec_set_filename(&a, "/x"), 0);
	KTEST_EXPECT_EQ(t, exec_copy_strings_kernel(&a, two, true), -EINVAL);
	KTEST_EXPECT_EQ(t, exec_set_filename(&a, "/y"), -EINVAL);
	exec_args_free(&a);
	vfree(big);
}

/* A user argv (through the test alias of kernel memory): copied; a kernel
 * pointer in it, or as the array, is EFAULT; a NULL array is empty. */
static void exec_args_from_user(struct ktest *t)
{
	static char s0[] = "prog", s1[] = "arg one";
	static u32 uargv[3], bad_argv[2];
	struct exec_args a;

	uargv[0] = (u32)ktest_user_alias(s0);
	uargv[1] = (u32)ktest_user_alias(s1);
	bad_argv[0] = (u32)s0;                      /* a kernel address */
	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	KTEST_EXPECT_EQ(t, exec_copy_strings_user(&a, ktest_user_alias(uargv), false), 0);
	KTEST_EXPECT_EQ(t, a.argc, 2);
	KTEST_EXPECT_EQ(t, a.argv_len, 5 + 8);
	KTEST_EXPECT_STREQ(t, a.buf + 5, "arg one");
	KTEST_EXPECT_EQ(t, exec_copy_strings_user(&a, NULL, true), 0);
	KTEST_EXPECT_EQ(t, a.envc, 0);
	KTEST_EXPECT_EQ(t, exec_copy_strings_user(&a, ktest_user_alias(bad_argv), true), -EFAULT);
	KTEST_EXPECT_EQ(t, exec_copy_strings_user(&a, uargv, true), -EFAULT);
	KTEST_EXPECT_EQ(t, exec_copy_strings_user(&a, (u32 *)0x30000000, true), -EFAULT);
	ktest_drop_user_alias();
	exec_args_free(&a);
}

static void exec_init_path(struct ktest *t)
{
	const char *saved = execute_command;

	if (boot_params.nr_modules == 0)
		KTEST_SKIP(t, "booted without an initramfs");
	KTEST_EXPECT_STREQ(t, pick_init_path(), execute_command ? execute_command : "/sbin/init");
	execute_command = "/bin/hello";
	KTEST_EXPECT_STREQ(t, pick_init_path(), "/bin/hello");
	execute_command = "/etc/motd";              /* not ELF: fall back */
	KTEST_EXPECT_STREQ(t, pick_init_path(), "/sbin/init");
	execute_command = "/no/such/init";
	KTEST_EXPECT_STREQ(t, pick_init_path(), "/sbin/init");
	execute_command = saved;
}

/* init= may name a "#!" script (exec follows it to its interpreter). */
static void exec_init_path_takes_a_script(struct ktest *t)
{
	const char *saved = execute_command;
	struct dentry *tmp;

	if (boot_params.nr_modules == 0)
		KTEST_SKIP(t, "booted without an initramfs");
	tmp = path_lookup(root_dentry, root_dentry, "/tmp", LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	KTEST_ASSERT_FALSE(t, IS_ERR(tmp));
	KTEST_EXPECT_NOT_NULL(t, ktest_make_file(tmp, "init-script", "#!/bin/sh\n", 10));
	execute_command = "/tmp/init-script";
	KTEST_EXPECT_STREQ(t, pick_init_path(), "/tmp/init-script");
	execute_command = saved;
	KTEST_EXPECT_EQ(t, vfs_unlink(tmp, "init-script", 11, false), 0);
	dput(tmp);
}

static const struct ktest_case exec_cases[] = {
	KTEST_CASE(exec_stack_layout),
	KTEST_CASE(exec_args_limits),
	KTEST_CASE(exec_args_from_user),
	KTEST_CASE(exec_init_path),
	KTEST_CASE(exec_init_path_takes_a_script),
	{}
};
KTEST_SUITE(exec, exec_cases);
