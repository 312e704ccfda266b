/* user/lib/clone3.c: the clone3 stub (user/include/clone3.h). fn and arg
 * wait in esi and edi, which the kernel preserves and the child inherits:
 * the child may start on a fresh stack, where nothing of ours is. A child
 * on a copy of the caller's stack (stack 0), or on the very same one while
 * a CLONE_VFORK parent sleeps, only pushes below the caller's frame and
 * never returns through it: it ends with exit(2). */
#include <errno.h>
#include <clone3.h>
#include <sys/syscall.h>

__asm__(".text\n"
	".global __clone3_raw\n"
	"__clone3_raw:\n"
	"	pushl %ebp\n"
	"	pushl %edi\n"
	"	pushl %esi\n"
	"	pushl %ebx\n"
	"	movl 20(%esp), %ebx\n"      /* args */
	"	movl 24(%esp), %ecx\n"      /* size */
	"	movl 28(%esp), %esi\n"      /* fn */
	"	movl 32(%esp), %edi\n"      /* arg */
	"	movl $435, %eax\n"          /* __NR_clone3 */
	"	int $0x80\n"
	"	testl %eax, %eax\n"
	"	jz 1f\n"
	"	popl %ebx\n"
	"	popl %esi\n"
	"	popl %edi\n"
	"	popl %ebp\n"
	"	ret\n"
	"1:	xorl %ebp, %ebp\n"          /* child: a fresh frame chain */
	"	andl $-16, %esp\n"
	"	subl $12, %esp\n"
	"	pushl %edi\n"
	"	call *%esi\n"
	"	movl %eax, %ebx\n"
	"	movl $1, %eax\n"            /* __NR_exit */
	"	int $0x80\n"
	"	hlt\n");

long clone3(struct clone_args *args, size_t size, int (*fn)(void *), void *arg)
{
	return __syscall_ret(__clone3_raw(args, size, fn, arg));
}
