/* fs/exec_args.c: the argument half of exec. The strings a new program gets
 * (argv, then envp, then the file name for AT_EXECFN) are gathered into one
 * kernel buffer, from kernel memory (kernel_init starting /sbin/init) or
 * from the caller's memory (execve: every pointer read with get_user, every
 * string with strncpy_from_user, so a bad pointer is -EFAULT, never a
 * fault). exec_build_stack then lays out the whole initial stack in that
 * buffer, as include/binfmts.h draws it, so exec's back half only copies it
 * to the top of the new stack. The limits are Linux 2.6's: one string at
 * most 128 KiB, everything at most 128 KiB (E2BIG beyond). */
#include <kernel.h>
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <vmalloc.h>
#include <sched/mm.h>
#include <asm/page.h>
#include <asm/uaccess.h>
#include <uapi/linux/auxvec.h>

int exec_args_init(struct exec_args *a)
{
	*a = (struct exec_args){ .buf = vmalloc(MAX_ARG_BYTES) };
	return a->buf ? 0 : -ENOMEM;
}

void exec_args_free(struct exec_args *a)
{
	vfree(a->buf);
	a->buf = NULL;
}

/* Count a stored string of len bytes (NUL included) into argv or envp. */
static void account(struct exec_args *a, size_t len, bool is_env)
{
	a->used += len;
	if (is_env) {
		a->envc++;
		a->envp_len += len;
	} else {
		a->argc++;
		a->argv_len += len;
	}
}

/* argv before envp before the file name: the blocks must stay in order. */
static bool in_order(const struct exec_args *a, bool is_env)
{
	return !a->has_filename && (is_env || a->envc == 0);
}

int exec_copy_strings_kernel(struct exec_args *a, const char *const *strs, bool is_env)
{
	if (!in_order(a, is_env))
		return -EINVAL;
	for (; strs && *strs; strs++) {
		size_t len = strnlen(*strs, MAX_ARG_STRLEN) + 1;
		if (len > MAX_ARG_STRLEN || len > MAX_ARG_BYTES - a->used)
			return -E2BIG;
		memcpy(a->buf + a->used, *strs, len);
		account(a, len, is_env);
	}
	return 0;
}

int exec_copy_strings_user(struct exec_args *a, const u32 *ustrs, bool is_env)
{
	if (!in_order(a, is_env))
		return -EINVAL;
	for (int i = 0; ustrs; i++) {
		size_t room = min((size_t)MAX_ARG_STRLEN, MAX_ARG_BYTES - a->used);
		u32 uptr;
		long len;

		if (get_user_u32(&uptr, ustrs + i))
			return -EFAULT;
		if (!uptr)
			break;
		len = strncpy_from_user(a->buf + a->used, (const char *)uptr, room);
		if (len < 0)
			return -EFAULT;
		if ((size_t)len == room)
			return -E2BIG;          /* no NUL within the limit or the room */
		account(a, len + 1, is_env);
	}
	return 0;
}

int exec_set_filename(struct exec_args *a, const char *filename)
{
	size_t len = strnlen(filename, MAX_ARG_STRLEN) + 1;

	if (a->has_filename)
		return -EINVAL;
	if (len > MAX_ARG_STRLEN || len > MAX_ARG_BYTES - a->used)
		return -E2BIG;
	memcpy(a->buf + a->used, filename, len);
	a->filename_off = a->used;
	a->used += len;
	a->has_filename = true;
	return 0;
}

int exec_args_replace_arg0(struct exec_args *a, const char *const *front, int n)
{
	size_t old0 = a->argc ? strlen(a->buf) + 1 : 0, add = 0;

	if (a->has_filename)
		return -EINVAL;
	for (int i = 0; i < n; i++)
		add += strlen(front[i]) + 1;
	if (a->used - old0 + add > MAX_ARG_BYTES)
		return -E2BIG;
	memmove(a->buf + add, a->buf + old0, a->used - old0);
	for (int i = 0, off = 0; i < n; off += strlen(front[i++]) + 1)
		memcpy(a->buf + off, front[i], strlen(front[i]) + 1);
	a->used = a->used - old0 + add;
	a->argv_len = a->argv_len - old0 + add;
	a->argc += n - (old0 ? 1 : 0);
	return 0;
}

/* The buffer byte that will be at user address u. */
static void *at(struct exec_args *a, unsigned long top, unsigned long u)
{
	return a->buf + MAX_ARG_BYTES - (top - u);
}

static void put_word(struct exec_args *a, unsigned long top, unsigned long *u, u32 v)
{
	*(u32 *)at(a, top, *u) = v;
	*u += 4;
}

/* Pointers to n consecutive strings starting at user address s, then NULL. */
static unsigned long put_string_ptrs(struct exec_args *a, unsigned long top, unsigned long *u,
				     unsigned long s, int n)
{
	for (int i = 0; i < n; i++) {
		put_word(a, top, u, s);
		s += strlen(at(a, top, s)) + 1;
	}
	put_word(a, top, u, 0);
	return s;
}

#define NR_AUXV (AT_VECTOR_SIZE / 2)      /* pairs, AT_NULL included */

static void put_auxv(struct exec_args *a, unsigned long top, unsigned long *u,
		     const struct elf_image *img, const struct exec_creds *c,
		     unsigned long platform, unsigned long random, unsigned long execfn)
{
	const u32 aux[NR_AUXV][2] = {
		{ AT_PHDR, img->phdr }, { AT_PHENT, img->phent }, { AT_PHNUM, img->phnum },
		{ AT_PAGESZ, PAGE_SIZE }, { AT_ENTRY, img->entry },
		{ AT_UID, c->uid }, { AT_EUID, c->euid }, { AT_GID, c->gid }, { AT_EGID, c->egid },
		{ AT_PLATFORM, platform }, { AT_HWCAP, c->hwcap }, { AT_CLKTCK, HZ },
		{ AT_SECURE, c->secure }, { AT_RANDOM, random },
		{ execfn ? AT_EXECFN : AT_NULL, execfn }, { AT_NULL, 0 },
	};

	for (int i = 0; i < NR_AUXV; i++) {
		put_word(a, top, u, aux[i][0]);
		put_word(a, top, u, aux[i][1]);
	}
}

int exec_build_stack(struct exec_args *a, const struct elf_image *img,
		     const struct exec_creds *cred, unsigned long top, unsigned long *esp)
{
	unsigned long base = top - MAX_ARG_BYTES, strings, platform, random, sp, u;
	size_t words = 1 + (a->argc + 1) + (a->envc + 1) + 2 * NR_AUXV;

	if (a->used + 4 + 5 + 16 + 15 + 15 + words * 4 > MAX_ARG_BYTES)
		return -E2BIG;
	strings = top - 4 - a->used;
	memmove(at(a, top, strings), a->buf, a->used);      /* strings to the top */
	*(u32 *)at(a, top, top - 4) = 0;
	platform = strings - 5;
	memcpy(at(a, top, platform), "i686", 5);
	random = (platform - 16) & ~3UL;
	memcpy(at(a, top, random), cred->random, 16);
	sp = ((random & ~15UL) - words * 4) & ~15UL;
	BUG_ON(sp < base);                                  /* the check above */
	u = sp;
	put_word(a, top, &u, a->argc);
	strings = put_string_ptrs(a, top, &u, strings, a->argc);
	put_string_ptrs(a, top, &u, strings, a->envc);
	a->auxv_at = u;
	put_auxv(a, top, &u, img, cred, platform, random,
		 a->has_filename ? top - 4 - a->used + a->filename_off : 0);
	*esp = sp;
	return 0;
}
