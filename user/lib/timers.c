/* user/lib/timers.c: the wrappers for clocks, sleeps and timers (alarm,
 * setitimer, getitimer, the POSIX timers, clock_getres, clock_nanosleep)
 * and for CPU time (times, getrusage); each is one trap, -1 + errno on
 * failure. The 32-bit-time calls: a program that wants the *_time64 ones
 * uses syscall(). */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/times.h>

#define RET(x) return __syscall_ret(x)

unsigned int alarm(unsigned int seconds)          { return (unsigned int)__syscall1(__NR_alarm, seconds); }
int getitimer(int which, struct itimerval *v)     { RET(__syscall2(__NR_getitimer, which, v)); }
int clock_getres(int clock, struct timespec *res) { RET(__syscall2(__NR_clock_getres, clock, res)); }
int timer_gettime(timer_t id, struct itimerspec *cur) { RET(__syscall2(__NR_timer_gettime, id, cur)); }
int timer_getoverrun(timer_t id)                  { RET(__syscall1(__NR_timer_getoverrun, id)); }
int timer_delete(timer_t id)                      { RET(__syscall1(__NR_timer_delete, id)); }
int getrusage(int who, struct rusage *usage)      { RET(__syscall2(__NR_getrusage, who, usage)); }
clock_t times(struct tms *buf)                    { RET(__syscall1(__NR_times, buf)); }

int setitimer(int which, const struct itimerval *new_value, struct itimerval *old_value)
{
	RET(__syscall3(__NR_setitimer, which, new_value, old_value));
}

int clock_nanosleep(int clock, int flags, const struct timespec *req, struct timespec *rem)
{
	RET(__syscall4(__NR_clock_nanosleep, clock, flags, req, rem));
}

int timer_create(clockid_t clock, struct sigevent *sev, timer_t *timerid)
{
	RET(__syscall3(__NR_timer_create, clock, sev, timerid));
}

int timer_settime(timer_t id, int flags, const struct itimerspec *new_value,
		  struct itimerspec *old_value)
{
	RET(__syscall4(__NR_timer_settime, id, flags, new_value, old_value));
}
