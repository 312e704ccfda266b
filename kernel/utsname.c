/* kernel/utsname.c: sethostname (74) and setdomainname (121), which change
 * the nodename and domainname fields uname gives (kernel/sys.c keeps the
 * names; there is one set, Linux without UTS namespaces). Linux's rules and
 * their order: a caller that is not root is refused first (-EPERM, Linux's
 * CAP_SYS_ADMIN), then a length below 0 or above 64 (-EINVAL), then a bad
 * pointer (-EFAULT, the name left as it was). The new name is the len bytes
 * given, NUL-padded; they need no NUL of their own. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <utsname.h>
#include <asm/uaccess.h>

void set_uts_name(char *field, const char *name, size_t len)
{
	memcpy(field, name, len);
	memset(field + len, 0, __NEW_UTS_LEN + 1 - len);
}

/* Set one of the names (field: __NEW_UTS_LEN + 1 bytes) from user memory. */
static long set_uts_field(char *field, u32 uname, int len)
{
	char tmp[__NEW_UTS_LEN];

	if (current->euid != 0)                 /* Linux: CAP_SYS_ADMIN */
		return -EPERM;
	if (len < 0 || len > __NEW_UTS_LEN)
		return -EINVAL;
	if (copy_from_user(tmp, (const void *)uname, len))
		return -EFAULT;
	set_uts_name(field, tmp, len);
	return 0;
}

long sys_sethostname(u32 name, u32 len, u32 c, u32 d, u32 e, u32 f)
{
	return set_uts_field(utsname()->nodename, name, (int)len);
}

long sys_setdomainname(u32 name, u32 len, u32 c, u32 d, u32 e, u32 f)
{
	return set_uts_field(utsname()->domainname, name, (int)len);
}
