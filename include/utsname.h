/* include/utsname.h: the system's names (kernel/sys.c), which uname(2)
 * gives and /proc/sys/kernel/{ostype,osrelease,hostname} and /proc/version
 * show. */
#ifndef TASKLAB_UTSNAME_H
#define TASKLAB_UTSNAME_H

#include <types.h>
#include <uapi/linux/utsname.h>

/* The one set of names (no UTS namespaces); nodename may change. */
struct new_utsname *utsname(void);

/* The one writer of a name (kernel/utsname.c): field is utsname()->nodename
 * or ->domainname; the len (at most __NEW_UTS_LEN) bytes of name replace it,
 * NUL-padded. sethostname/setdomainname and /proc/sys/kernel/hostname both
 * come here, so the padding rule lives in one place. */
void set_uts_name(char *field, const char *name, size_t len);

#endif
