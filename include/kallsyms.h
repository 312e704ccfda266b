/* include/kallsyms.h: the kernel's own symbol table, embedded at link time
 * (scripts/kallsyms.py), used to print backtraces as function+offset. */
#ifndef TASKLAB_KALLSYMS_H
#define TASKLAB_KALLSYMS_H

#include <types.h>

/* Find the function containing addr. Returns its name and fills *offset and
 * *size, or returns NULL when addr is not in the kernel's text. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset, unsigned long *size);
/* Address of a function by name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);
/* Format "name+0xoff/0xsize" or "0xaddr" into buf. */
int sprint_symbol(char *buf, size_t len, unsigned long addr);
/* The same for a return address: the symbol of ret - 1 (the call itself). */
int sprint_backtrace(char *buf, size_t len, unsigned long ret);
/* When the code at eip has no frame of its own (a GCC leaf function), the
 * likely return address into its caller: the word at esp if it is kernel
 * text; else 0. The frame-pointer chain would skip that caller. */
unsigned long frameless_caller(unsigned long eip, unsigned long esp);
/* Print the call chain by walking saved frame pointers, starting at ebp. */
void show_backtrace(unsigned long ebp);
/* Walk the frame chain into addrs[]; returns how many return addresses. */
int save_backtrace(unsigned long ebp, unsigned long *addrs, int max);

#endif
