/* include/binfmts.h: what exec prepares before it touches the new address
 * space (fs/exec_args.c, fs/init_path.c): the argument and environment
 * strings, copied in from the caller, and the new program's initial stack,
 * laid out in a kernel buffer exactly as it must appear at the top of the
 * user stack. exec's back half maps the program (struct elf_image), then
 * copies that buffer to [esp, top) and starts the program at img.entry with
 * esp and every general register 0.
 *
 *   top ->  0 (4 bytes)
 *           strings: argv[0]\0 ... envp[0]\0 ... filename\0      (AT_EXECFN)
 *           "i686"\0                                              (AT_PLATFORM)
 *           16 random bytes                                       (AT_RANDOM)
 *           padding to 16
 *           auxv: type, value pairs ... AT_NULL, 0
 *           envp[0..envc-1], NULL
 *           argv[0..argc-1], NULL
 *   esp ->  argc                                    esp % 16 == 0
 */
#ifndef TASKLAB_BINFMTS_H
#define TASKLAB_BINFMTS_H

#include <types.h>

#define MAX_ARG_STRLEN (32 * 4096)      /* one string (Linux's limit), else E2BIG */
#define MAX_ARG_BYTES  (32 * 4096)      /* strings + pointers + auxv, else E2BIG */

struct elf_image;

struct exec_args {
	char *buf;              /* MAX_ARG_BYTES, vmalloc'd */
	size_t used;            /* strings stored from buf[0] upward so far */
	int argc, envc;
	size_t argv_len, envp_len;      /* bytes of each string block */
	size_t filename_off;    /* where the filename string starts */
	bool has_filename;
	unsigned long auxv_at;  /* exec_build_stack: the auxv's user address */
};

/* What the auxiliary vector says about the caller's identity and CPU. */
struct exec_creds {
	u32 uid, euid, gid, egid;       /* the new program's (fs/exec.c: setuid) */
	bool secure;                    /* AT_SECURE: effective ids not the real ones */
	u32 hwcap;              /* CPUID leaf 1 edx */
	u8 random[16];          /* AT_RANDOM bytes (glibc's stack guard) */
};

int exec_args_init(struct exec_args *a);
void exec_args_free(struct exec_args *a);
/* Append the strings of a NULL-terminated array (argv first, then envp):
 * from kernel memory, or from user memory (an array of user pointers, read
 * with get_user/strncpy_from_user; a NULL array counts as empty).
 * 0, -E2BIG (one string longer than MAX_ARG_STRLEN, or the whole too big)
 * or -EFAULT. */
int exec_copy_strings_kernel(struct exec_args *a, const char *const *strs, bool is_env);
int exec_copy_strings_user(struct exec_args *a, const u32 *ustrs, bool is_env);
/* The file name execve was given (AT_EXECFN), after argv and envp. */
int exec_set_filename(struct exec_args *a, const char *filename);
/* Replace argv[0] (if there is one) by the n strings front (a script's
 * interpreter, its argument, the script's path); before the file name is
 * set. 0, or -E2BIG when they do not fit. */
int exec_args_replace_arg0(struct exec_args *a, const char *const *front, int n);

/* Scripts (fs/binfmt_script.c). Linux reads this much of a file to learn
 * its format, and takes an interpreter line only within it. */
#define BINPRM_BUF_SIZE 256
/* Interpreters followed from one execve at most: Linux's loop allows
 * depths 0..5, so 5 nested scripts run and a 6th is -ELOOP. */
#define BINPRM_MAX_DEPTH 5
struct file;
/* If f starts with "#!": rewrite a's argv for its interpreter (see the
 * file) with path as the script's name, copy the interpreter's path into
 * interp (BINPRM_BUF_SIZE bytes) and return 1. 0 if f is not a script;
 * -ENOEXEC for a bad "#!" line, -E2BIG, or a read's error. */
int load_script(struct file *f, const char *path, struct exec_args *a, char *interp);
/* Does f start with "#!"? */
bool file_is_script(struct file *f);

/* Lay out the initial stack for a program whose stack ends at user address
 * `top`: the bytes go to the end of a->buf, which will appear at
 * [*esp, top). Returns 0 with *esp set, or -E2BIG if it does not fit. */
int exec_build_stack(struct exec_args *a, const struct elf_image *img,
		     const struct exec_creds *cred, unsigned long top, unsigned long *esp);
/* The bytes to copy to user address *esp: a->buf + (MAX_ARG_BYTES - (top - esp)). */
static inline const void *exec_stack_image(const struct exec_args *a, unsigned long top,
					   unsigned long esp)
{
	return a->buf + (MAX_ARG_BYTES - (top - esp));
}

struct pt_regs;
/* execve (fs/exec.c): replace the caller's program with path's. On success
 * regs is set up to enter the new program and 0 is returned; on failure
 * the caller is unchanged and -errno is returned (ENOENT, EACCES, ENOEXEC,
 * E2BIG, EFAULT, ENOMEM). argv/envp are user arrays of user pointers, or
 * kernel arrays for do_execve_kernel. */
int do_execve_user(const char *path, const u32 *uargv, const u32 *uenvp, struct pt_regs *regs);
int do_execve_kernel(const char *path, const char *const *argv, const char *const *envp,
		     struct pt_regs *regs);
/* A kernel thread execs and enters user mode; returns only with -errno. */
int kernel_execve(const char *path, const char *const *argv, const char *const *envp);

/* The program kernel_init should run as PID 1: init= from the command line
 * if given, else /sbin/init, else /init; the first that opens and is a
 * valid executable. Returns its path, or NULL (each refusal is logged). */
const char *pick_init_path(void);
/* init= from the command line, or NULL. */
extern const char *execute_command;

#endif
