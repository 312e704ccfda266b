/* user/lib/symbols.c: lib/vsprintf.c's %pS and %pB name a kernel function
 * through kallsyms. A user program has no symbol table, so here they print
 * the bare address. */
#include <stdio.h>

int sprint_symbol(char *buf, size_t len, unsigned long addr);
int sprint_backtrace(char *buf, size_t len, unsigned long ret);

int sprint_symbol(char *buf, size_t len, unsigned long addr)
{
	return snprintf(buf, len, "%#lx", addr);
}

int sprint_backtrace(char *buf, size_t len, unsigned long ret)
{
	return sprint_symbol(buf, len, ret);
}
