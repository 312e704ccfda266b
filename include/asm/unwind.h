/* include/asm/unwind.h: the i386 code pattern the backtrace (kernel/kallsyms.c)
 * looks for. A function built with frame pointers opens with
 * "push %ebp; mov %esp,%ebp" (bytes 55 89 e5); until those three bytes have
 * run, the function has no frame of its own and the frame chain skips its
 * caller. */
#ifndef TASKLAB_ASM_UNWIND_H
#define TASKLAB_ASM_UNWIND_H

#include <types.h>

#define FRAME_SETUP_LEN 3

/* Does the code at `code` open with the frame setup? */
static inline bool is_frame_setup(const unsigned char *code)
{
	return code[0] == 0x55 && code[1] == 0x89 && code[2] == 0xe5;
}

#endif
