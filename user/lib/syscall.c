/* user/lib/syscall.c: the trap into the kernel, in the three shapes a C
 * library needs. Linux i386: int $0x80 with eax = number, arguments in ebx,
 * ecx, edx, esi, edi, ebp; the result in eax, -4095..-1 meaning -errno; every
 * other register preserved. ebx, esi, edi and ebp are callee-saved in the
 * C calling convention, so the stubs save them around the trap.
 *
 * vfork and clone cannot be ordinary C functions: a vfork child runs on its
 * parent's stack, and a clone child starts on a fresh one. */
#include <errno.h>
#include <sched.h>
#include <unistd.h>
#include <sys/syscall.h>

int errno;

/* long __syscall6(nr, a, b, c, d, e, f): raw result. */
__asm__(".text\n"
	".global __syscall6\n"
	"__syscall6:\n"
	"	pushl %ebp\n"
	"	pushl %edi\n"
	"	pushl %esi\n"
	"	pushl %ebx\n"
	"	movl 20(%esp), %eax\n"      /* 16 bytes saved + return address */
	"	movl 24(%esp), %ebx\n"
	"	movl 28(%esp), %ecx\n"
	"	movl 32(%esp), %edx\n"
	"	movl 36(%esp), %esi\n"
	"	movl 40(%esp), %edi\n"
	"	movl 44(%esp), %ebp\n"
	"	int $0x80\n"
	"	popl %ebx\n"
	"	popl %esi\n"
	"	popl %edi\n"
	"	popl %ebp\n"
	"	ret\n");

/* pid_t vfork(void). The child borrows the parent's stack until it execs
 * or exits, so nothing may stay on the stack across the trap: the return
 * address is held in ecx (preserved by the kernel) and pushed back after. A
 * child that returned through a stacked address would leave the parent a
 * clobbered one. */
__asm__(".text\n"
	".global vfork\n"
	"vfork:\n"
	"	popl %ecx\n"
	"	movl $190, %eax\n"          /* __NR_vfork */
	"	int $0x80\n"
	"	pushl %ecx\n"
	"	pushl %eax\n"
	"	call __syscall_ret\n"
	"	addl $4, %esp\n"
	"	ret\n");

/* long __clone_raw(fn, stack, flags, arg, ptid, tls, ctid): the child starts
 * on `stack` holding fn and arg (placed there before the trap), calls
 * fn(arg) and exits (exit, not exit_group: only this thread ends) with its
 * return value. The parent gets the raw result. */
__asm__(".text\n"
	".global __clone_raw\n"
	"__clone_raw:\n"
	"	pushl %ebp\n"
	"	pushl %edi\n"
	"	pushl %esi\n"
	"	pushl %ebx\n"
	"	movl 24(%esp), %ecx\n"      /* the child's stack */
	"	andl $-16, %ecx\n"
	"	subl $16, %ecx\n"
	"	movl 20(%esp), %eax\n"
	"	movl %eax, 0(%ecx)\n"       /* fn */
	"	movl 32(%esp), %eax\n"
	"	movl %eax, 4(%ecx)\n"       /* arg */
	"	movl 28(%esp), %ebx\n"      /* flags */
	"	movl 36(%esp), %edx\n"      /* parent_tidptr */
	"	movl 40(%esp), %esi\n"      /* tls */
	"	movl 44(%esp), %edi\n"      /* child_tidptr */
	"	movl $120, %eax\n"          /* __NR_clone */
	"	int $0x80\n"
	"	testl %eax, %eax\n"
	"	jz 1f\n"
	"	popl %ebx\n"
	"	popl %esi\n"
	"	popl %edi\n"
	"	popl %ebp\n"
	"	ret\n"
	"1:	xorl %ebp, %ebp\n"          /* child: a fresh frame chain */
	"	popl %eax\n"                /* fn; esp now points at arg */
	"	call *%eax\n"
	"	movl %eax, %ebx\n"
	"	movl $1, %eax\n"            /* __NR_exit */
	"	int $0x80\n"
	"	hlt\n");

long __clone_raw(int (*fn)(void *), void *stack, int flags, void *arg,
		 pid_t *ptid, void *tls, pid_t *ctid);

long __syscall_ret(long raw)
{
	if ((unsigned long)raw >= (unsigned long)-4095) {
		errno = (int)-raw;
		return -1;
	}
	return raw;
}

long syscall(long nr, long a, long b, long c, long d, long e, long f)
{
	return __syscall_ret(__syscall6(nr, a, b, c, d, e, f));
}

int clone(int (*fn)(void *), void *stack, int flags, void *arg,
	  pid_t *ptid, void *tls, pid_t *ctid)
{
	if (!fn || !stack) {
		errno = EINVAL;
		return -1;
	}
	return (int)__syscall_ret(__clone_raw(fn, stack, flags, arg, ptid, tls, ctid));
}
