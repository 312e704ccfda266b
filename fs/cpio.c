/* fs/cpio.c: the newc cpio parser (format in include/cpio.h). It only
 * reads and checks; fs/initramfs.c turns the entries into files. Every
 * length is checked against what is left of the buffer before it is used,
 * so a truncated or hostile archive ends in -EINVAL, never in a read past
 * the module. */
#include <kernel.h>
#include <cpio.h>
#include <errno.h>

#define NR_FIELDS 13

static int hex_digit(u8 c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Eight hex digits at p into *val; false on anything else. */
static bool parse_hex8(const u8 *p, u32 *val)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		int d = hex_digit(p[i]);
		if (d < 0)
			return false;
		v = v << 4 | (u32)d;
	}
	*val = v;
	return true;
}

/* The header at h (CPIO_HEADER_SIZE bytes, already bounds-checked). */
static int parse_header(const u8 *h, struct cpio_entry *e, u32 *namesize)
{
	u32 f[NR_FIELDS];

	if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
		return -EINVAL;
	for (int i = 0; i < NR_FIELDS; i++)
		if (!parse_hex8(h + 6 + 8 * i, &f[i]))
			return -EINVAL;
	e->ino = f[0];
	e->mode = f[1];
	e->uid = f[2];
	e->gid = f[3];
	e->nlink = f[4];
	e->mtime = f[5];
	e->size = f[6];
	e->devmajor = f[7];
	e->devminor = f[8];
	e->rdevmajor = f[9];
	e->rdevminor = f[10];
	*namesize = f[11];          /* f[12]: checksum, not verified */
	return 0;
}

int cpio_next(const u8 *buf, size_t len, size_t *off, struct cpio_entry *e)
{
	size_t pos = *off, name_end, data_end;
	u32 namesize;

	if (pos > len || len - pos < CPIO_HEADER_SIZE)
		return -EINVAL;                         /* no trailer: truncated */
	if (parse_header(buf + pos, e, &namesize))
		return -EINVAL;
	pos += CPIO_HEADER_SIZE;
	if (namesize == 0 || namesize > len - pos)
		return -EINVAL;
	e->name = (const char *)buf + pos;
	e->namelen = namesize - 1;
	if (e->name[e->namelen] != '\0' || strnlen(e->name, e->namelen) != e->namelen)
		return -EINVAL;                         /* no NUL, or one inside */
	name_end = ALIGN_UP(pos + namesize, 4);
	if (name_end > len)
		return -EINVAL;
	if (!strcmp(e->name, "TRAILER!!!"))
		return 0;
	if (e->size > len - name_end)
		return -EINVAL;
	e->data = buf + name_end;
	data_end = ALIGN_UP(name_end + e->size, 4);
	if (data_end > len)
		return -EINVAL;
	*off = data_end;
	return 1;
}
