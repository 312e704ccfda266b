/* user/lib/system.c: the wrappers of the system's calls, with glibc's
 * names and types: supplementary groups (the 32-bit gid forms), the host
 * and domain names, and klogctl (syslog(2), the kernel log). */
#include <grp.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/syscall.h>

#define RET(x) return __syscall_ret(x)

int getgroups(int size, gid_t list[])             { RET(__syscall2(__NR_getgroups32, size, list)); }
int setgroups(size_t size, const gid_t *list)     { RET(__syscall2(__NR_setgroups32, size, list)); }
int sethostname(const char *name, size_t len)     { RET(__syscall2(__NR_sethostname, name, len)); }
int setdomainname(const char *name, size_t len)   { RET(__syscall2(__NR_setdomainname, name, len)); }
int klogctl(int type, char *buf, int len)         { RET(__syscall3(__NR_syslog, type, buf, len)); }
