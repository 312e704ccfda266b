/* kernel/sys.c: system information calls. uname reports a Linux release new
 * enough for static glibc (which refuses to start below its minimum kernel
 * version, 3.2.0) and says it is Tasklab in the version field. */
#include <kernel.h>
#include <errno.h>
#include <utsname.h>
#include <asm/uaccess.h>

static struct new_utsname init_uts_name = {
	.sysname = "Linux",
	.nodename = "tasklab",
	.release = "4.4.0-tasklab",
	.version = "#1 Tasklab 0.1 teaching kernel",
	.machine = "i686",
	.domainname = "(none)",
};

struct new_utsname *utsname(void)
{
	return &init_uts_name;
}

long sys_newuname(u32 name, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	if (copy_to_user((void *)name, &init_uts_name, sizeof(init_uts_name)))
		return -EFAULT;
	return 0;
}
