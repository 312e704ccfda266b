/* boot/memmap.c: making the firmware's memory map trustworthy. A BIOS map
 * may list regions out of order, overlapping, or with RAM and reserved ranges
 * covering the same bytes. As Linux's sanitize_e820_map does, we cut the
 * address space at every region boundary, give each piece the most
 * restrictive type of the regions covering it (reserved beats RAM: type
 * numbers grow with restriction), and merge neighbours of equal type. The
 * result is sorted and disjoint, so nothing downstream can free a frame twice. */
#include <kernel.h>
#include <multiboot.h>

#define MAX_BOUNDS (2 * MAX_MEMORY_REGIONS)

static void sort_u64(u64 *v, int n)
{
	for (int i = 1; i < n; i++)          /* insertion sort: n <= 64 */
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 tmp = v[j];
			v[j] = v[j - 1];
			v[j - 1] = tmp;
		}
}

/* The most restrictive type of the regions covering [start, end), or 0. */
static u32 type_of(const struct memory_region *r, int n, u64 start, u64 end)
{
	u32 type = 0;

	for (int i = 0; i < n; i++)
		if (r[i].start <= start && r[i].end >= end && r[i].type > type)
			type = r[i].type;
	return type;
}

int sanitize_memory_map(struct memory_region *r, int n)
{
	u64 bounds[MAX_BOUNDS];
	struct memory_region out[MAX_BOUNDS];
	int nb = 0, no = 0;

	for (int i = 0; i < n && nb + 2 <= MAX_BOUNDS; i++) {
		if (r[i].start >= r[i].end)
			continue;                 /* empty or inverted: ignore */
		bounds[nb++] = r[i].start;
		bounds[nb++] = r[i].end;
	}
	sort_u64(bounds, nb);
	for (int i = 0; i + 1 < nb; i++) {
		u32 type = bounds[i] == bounds[i + 1] ? 0 :
			   type_of(r, n, bounds[i], bounds[i + 1]);
		if (!type)
			continue;
		if (no && out[no - 1].type == type && out[no - 1].end == bounds[i])
			out[no - 1].end = bounds[i + 1];      /* extend the last piece */
		else
			out[no++] = (struct memory_region){ bounds[i], bounds[i + 1], type };
	}
	if (no > MAX_MEMORY_REGIONS) {
		pr_warn("memory map: %d pieces after sanitizing, keeping the first %d\n",
			no, MAX_MEMORY_REGIONS);
		no = MAX_MEMORY_REGIONS;
	}
	memcpy(r, out, no * sizeof(*r));
	return no;
}
