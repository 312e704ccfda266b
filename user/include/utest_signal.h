/* user/include/utest_signal.h: what the utest_signal* programs share with
 * utest_wait, utest_timers and utest_prctl (user/lib/utest_signal.c):
 * handlers that record what they saw in the globals below (each case zeroes
 * what it reads first), installing them, one-signal sets, the fault handler
 * that repairs the faulting code, a signal sent after a delay, and a stream
 * of signals that lands inside a blocking call. */
#ifndef _TL_UTEST_SIGNAL_H
#define _TL_UTEST_SIGNAL_H

#include <signal.h>

extern volatile int hits, last_sig, last_code, last_pid, last_status;
extern volatile unsigned long last_addr;
extern volatile void *last_uc;

/* hits++ and last_sig. */
void count_handler(int sig);
/* SA_SIGINFO: hits++, and the siginfo's signo, code, pid and status and
 * the ucontext pointer in last_*. */
void info_handler(int sig, siginfo_t *si, void *uc);
/* sigaction(sig) with that handler and flags (SA_SIGINFO added for the
 * _info form); sigaction's result. */
int set_handler(int sig, void (*fn)(int), int flags);
int set_info_handler(int sig, void (*fn)(int, siginfo_t *, void *), int flags);
/* The set holding sig alone (sig 0: the empty set). */
sigset_t set_of(int sig);

/* Fork a child that sends sig to us (the process) after sleeping ms, a
 * timer of none of ours involved; its pid, for waitpid. Only for a call
 * that does not depend on when the signal comes (it is blocked until the
 * call, or the call waits for it); keep_signalling below is for one that
 * must be interrupted. */
pid_t send_later(int sig, long ms);

/* An SA_SIGINFO handler for faults: records the signal, si_code, si_addr
 * (last_*), the faulting eip (fault_eip) and the thread (fault_tid), then
 * repairs the interrupted code through uc_mcontext: eip moves skip_bytes
 * past the faulting instruction (0 for int3, a trap that already points
 * past itself) and eax becomes 42 (the asm around the fault says eax is
 * clobbered). */
extern volatile int skip_bytes, fault_tid;
extern volatile unsigned long fault_eip;
void trap_step_handler(int sig, siginfo_t *si, void *ucp);

/* A signal that must arrive during a blocking call. Rather than sending
 * it "late enough" (a guess a loaded machine can beat), keep_signalling
 * forks a sender that signals the calling thread every 2 ms until
 * stop_signalling. The handler counts the hits taken while in_call is set
 * (the caller sets it just before the call; stop_signalling clears it):
 * without SA_RESTART the first such hit ends the call with EINTR; with it
 * the call goes on, and the second hit (the call has surely begun by then)
 * runs on_second_hit, which makes the call's own event happen, so the call
 * ends only after it was interrupted and restarted. No result depends on
 * how long anything took. Every hit also counts in hits. */
extern volatile int in_call, call_hits;
/* Handle sig (flags: SA_RESTART or 0) by counting hits, calling
 * second_hit (may be NULL) at the second one inside the call, and start
 * the sender, which signals thread tid of ours; the sender's pid, or -1. */
pid_t keep_signalling(int sig, pid_t tid, int flags, void (*second_hit)(void));
/* End the sender (its pid; not above 0: none) and restore sig's default
 * action; a signal it left pending is handled as waitpid returns, before
 * the default action is back. */
void stop_signalling(int sig, pid_t sender);

#endif
