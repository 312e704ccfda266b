/* include/uapi/linux/auxvec.h: the auxiliary vector's entry types. execve
 * puts (type, value) pairs above envp on a new program's stack; the program's
 * start-up code (user/lib/crt0.c, glibc's _start) reads them. */
#ifndef TASKLAB_UAPI_AUXVEC_H
#define TASKLAB_UAPI_AUXVEC_H

#define AT_NULL      0    /* end of the vector */
#define AT_PHDR      3    /* where the program headers are mapped */
#define AT_PHENT     4    /* size of one program header */
#define AT_PHNUM     5    /* number of program headers */
#define AT_PAGESZ    6
#define AT_ENTRY     9    /* the program's entry point */
#define AT_UID      11
#define AT_EUID     12
#define AT_GID      13
#define AT_EGID     14
#define AT_PLATFORM 15    /* string, e.g. "i686" */
#define AT_HWCAP    16    /* CPUID feature bits (edx of leaf 1) */
#define AT_CLKTCK   17    /* times() ticks per second */
#define AT_SECURE   23    /* set-uid/set-gid exec: 1 */
#define AT_RANDOM   25    /* address of 16 random bytes (glibc's stack guard) */
#define AT_EXECFN   31    /* the file name given to execve */

#endif
