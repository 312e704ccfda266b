/* fs/init_path.c: which program becomes PID 1. `init=/path` on the kernel
 * command line names it; otherwise /sbin/init, then /init (the initramfs
 * convention). A candidate is taken only if it opens and passes exec's ELF
 * checks or is a "#!" script, so kernel_init never execs something that
 * cannot run but for a script with a missing interpreter; each one
 * refused is logged with the reason. (Linux panics when a requested init=
 * fails; Tasklab logs the reason and falls back, so a mistyped init= still
 * boots to a shell.) */
#include <kernel.h>
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <fs.h>
#include <params.h>

const char *execute_command;            /* init= */
static char init_param[128];

static int set_init(const char *value)
{
	if (!value || value[0] != '/')
		return -EINVAL;
	if (strlcpy(init_param, value, sizeof(init_param)) >= sizeof(init_param))
		return -E2BIG;
	execute_command = init_param;
	return 0;
}
KERNEL_PARAM("init", set_init);

/* 0 if path is an executable exec could run, else -errno (logged). */
static int check_init(const char *path)
{
	struct file *f = filp_open(root_dentry, root_dentry, path, O_RDONLY, 0);
	struct elf_image img;
	int err;

	if (IS_ERR(f)) {
		err = PTR_ERR(f);
		pr_warn("init: %s: cannot open (error %d)\n", path, err);
		return err;
	}
	if (!S_ISREG(f->f_inode->i_mode))
		err = -EACCES;
	else                            /* a script's interpreter is exec's to check */
		err = file_is_script(f) ? 0 : elf_read_image(f, &img);
	fput(f);
	if (err)
		pr_warn("init: %s: not runnable (error %d%s%s)\n", path, err,
			err == -ENOEXEC ? ": " : "", err == -ENOEXEC ? img.why : "");
	return err;
}

const char *pick_init_path(void)
{
	static const char *const defaults[] = { "/sbin/init", "/init" };

	if (!root_dentry)
		return NULL;
	if (execute_command && !check_init(execute_command))
		return execute_command;
	if (execute_command)
		pr_warn("init: requested init=%s failed, trying the defaults\n", execute_command);
	for (size_t i = 0; i < ARRAY_SIZE(defaults); i++)
		if (!check_init(defaults[i]))
			return defaults[i];
	return NULL;
}
