/* include/types.h: the fixed-width types and small helpers every file uses.
 * The compiler's freestanding headers give us the standard ones. */
#ifndef TASKLAB_TYPES_H
#define TASKLAB_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <asm/barrier.h>          /* barrier() */

typedef uint8_t  u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t   s8;
typedef int16_t  s16;
typedef int32_t  s32;
typedef int64_t  s64;
typedef int      pid_t;
typedef long     ssize_t;
typedef u32      phys_addr_t;

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)  (((x) + (a) - 1) & ~((a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((a) - 1)) == 0)
#define min(a, b)       ((a) < (b) ? (a) : (b))
#define max(a, b)       ((a) > (b) ? (a) : (b))
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define __used          __attribute__((used))
#define __noreturn      __attribute__((noreturn))
#define __aligned(n)    __attribute__((aligned(n)))
#define __section(s)    __attribute__((section(s)))
#define __printf(a, b)  __attribute__((format(printf, a, b)))
#define __noinline      __attribute__((noinline))
#define __noipa         __attribute__((noipa))   /* no inlining, cloning or IPA: exact frames */
/* Linux 2.6 i386's fastcall: the first three arguments in eax, edx and ecx
 * instead of on the stack, for the calls every switch, wake-up, read and
 * fork makes (a static function gets it from the compiler anyway). C only:
 * a function called from assembly keeps the stack convention. */
#define fastcall        __attribute__((regparm(3)))
/* Written during boot only: read-only with the kernel's text once
 * mark_rodata_ro() has run (arch/i386/pgtable.c). */
#define __ro_after_init __section(".data..ro_after_init")
/* No stack-protector check in this function: start_kernel, which is running
 * when the canary is chosen (include/asm/stackprotector.h). */
#define __no_stack_protector __attribute__((no_stack_protector))
#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)
#define READ_ONCE(x)    (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#endif
