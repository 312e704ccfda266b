/* tests/mm_counters.c: the memory layer's leak counters, which the ktest
 * framework reads before and after every suite. */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>

/* Free frames; blocks cached on the pcp lists count as free. */
static unsigned long ktest_free_pages(void)
{
	return nr_free_pages();
}
KTEST_COUNTER("free_pages", ktest_free_pages);
