/* user/lib/resource.c: the wrappers for identities (setuid & co, 32-bit
 * calls) and resource limits; each is one trap, -1 + errno on failure. */
#include <errno.h>
#include <unistd.h>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#define RET(x) return __syscall_ret(x)

int setuid(uid_t uid)                             { RET(__syscall1(__NR_setuid32, uid)); }
int setgid(gid_t gid)                             { RET(__syscall1(__NR_setgid32, gid)); }
int setreuid(uid_t r, uid_t e)                    { RET(__syscall2(__NR_setreuid32, r, e)); }
int setregid(gid_t r, gid_t e)                    { RET(__syscall2(__NR_setregid32, r, e)); }
int setresuid(uid_t r, uid_t e, uid_t s)          { RET(__syscall3(__NR_setresuid32, r, e, s)); }
int setresgid(gid_t r, gid_t e, gid_t s)          { RET(__syscall3(__NR_setresgid32, r, e, s)); }
int getresuid(uid_t *r, uid_t *e, uid_t *s)       { RET(__syscall3(__NR_getresuid32, r, e, s)); }
int getresgid(gid_t *r, gid_t *e, gid_t *s)       { RET(__syscall3(__NR_getresgid32, r, e, s)); }
/* No errno: the result is the old id, never an error. */
int setfsuid(uid_t id)                            { return __syscall1(__NR_setfsuid32, id); }
int setfsgid(gid_t id)                            { return __syscall1(__NR_setfsgid32, id); }
int getrlimit(int res, struct rlimit *rlim)       { RET(__syscall2(__NR_ugetrlimit, res, rlim)); }
int setrlimit(int res, const struct rlimit *rlim) { RET(__syscall2(__NR_setrlimit, res, rlim)); }

int prlimit64(pid_t pid, int res, const struct rlimit64 *new_limit, struct rlimit64 *old_limit)
{
	RET(__syscall4(__NR_prlimit64, pid, res, new_limit, old_limit));
}
