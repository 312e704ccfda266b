/* tests/test_elf.c: the ELF checks of exec's front half (fs/binfmt_elf.c)
 * on images built here: a minimal valid static i386 executable is read
 * correctly, and each way of breaking it (truncation, wrong class or
 * machine, a shared object, a dynamic program, segments out of bounds or
 * out of order, an entry point outside code) is refused with ENOEXEC and
 * the right reason. */
#include <kernel.h>
#include <elf.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <slab.h>
#include <uapi/linux/mman.h>
#include "fs_helpers.h"

#define IMAGE_SIZE 0x1100
#define BASE       0x08048000

/* The test image: header, three program headers, code at 0x08048000 (the
 * page holding the headers, r-x), data at 0x08049000 (rw-, 0x100 bytes from
 * the file at 0x1000, 0x800 in memory), and a PT_GNU_STACK without PF_X. */
struct image {
	union {
		u8 bytes[IMAGE_SIZE];
		struct {
			Elf32_Ehdr eh;
			Elf32_Phdr ph[3];
		};
	};
	size_t size;            /* bytes that go into the file */
};

static struct image *valid_image(void)
{
	struct image *im = kzalloc(sizeof(*im), GFP_KERNEL);

	if (!im)
		return NULL;
	memcpy(im->eh.e_ident, ELFMAG, 4);
	im->eh.e_ident[EI_CLASS] = ELFCLASS32;
	im->eh.e_ident[EI_DATA] = ELFDATA2LSB;
	im->eh.e_ident[EI_VERSION] = EV_CURRENT;
	im->eh.e_type = ET_EXEC;
	im->eh.e_machine = EM_386;
	im->eh.e_version = EV_CURRENT;
	im->eh.e_entry = BASE + 0x100;
	im->eh.e_phoff = sizeof(Elf32_Ehdr);
	im->eh.e_ehsize = sizeof(Elf32_Ehdr);
	im->eh.e_phentsize = sizeof(Elf32_Phdr);
	im->eh.e_phnum = 3;
	im->ph[0] = (Elf32_Phdr){ PT_LOAD, 0, BASE, BASE, 0x200, 0x200, PF_R | PF_X, 0x1000 };
	im->ph[1] = (Elf32_Phdr){ PT_LOAD, 0x1000, BASE + 0x1000, BASE + 0x1000, 0x100, 0x800,
				  PF_R | PF_W, 0x1000 };
	im->ph[2] = (Elf32_Phdr){ PT_GNU_STACK, 0, 0, 0, 0, 0, PF_R | PF_W, 16 };
	im->size = IMAGE_SIZE;
	return im;
}

/* Write the image to a ramfs file and run elf_read_image on it. */
static int read_image(struct image *im, struct elf_image *out)
{
	struct dentry *root = ramfs_new_root();
	struct file *f;
	int err = -ENOMEM;

	if (root && ktest_make_file(root, "prog", im->bytes, im->size)) {
		f = filp_open(root, root, "prog", O_RDONLY, 0);
		err = IS_ERR(f) ? (int)PTR_ERR(f) : elf_read_image(f, out);
		if (!IS_ERR(f))
			fput(f);
	}
	if (root)
		ramfs_kill_tree(root);
	return err;
}

static void elf_reads_valid_image(struct ktest *t)
{
	struct image *im = valid_image();
	struct elf_image img;

	KTEST_ASSERT_NOT_NULL(t, im);
	KTEST_ASSERT_EQ(t, read_image(im, &img), 0);
	KTEST_EXPECT_EQ(t, img.entry, BASE + 0x100);
	KTEST_EXPECT_EQ(t, img.phdr, BASE + sizeof(Elf32_Ehdr));   /* in the first PT_LOAD */
	KTEST_EXPECT_EQ(t, img.phnum, 3);
	KTEST_EXPECT_EQ(t, img.phent, 32);
	KTEST_EXPECT_EQ(t, img.nr_segments, 2);
	KTEST_EXPECT_EQ(t, img.seg[0].prot, PROT_READ | PROT_EXEC);
	KTEST_EXPECT_EQ(t, img.seg[1].vaddr, BASE + 0x1000);
	KTEST_EXPECT_EQ(t, img.seg[1].filesz, 0x100);
	KTEST_EXPECT_EQ(t, img.seg[1].memsz, 0x800);
	KTEST_EXPECT_EQ(t, img.seg[1].prot, PROT_READ | PROT_WRITE);
	KTEST_EXPECT_EQ(t, img.brk, BASE + 0x2000);
	KTEST_EXPECT_FALSE(t, img.exec_stack);
	kfree(im);
}

/* Apply `change` to a valid image; it must be refused with ENOEXEC and a
 * reason containing `reason`. */
#define EXPECT_REFUSED(t, change, reason) do {                                    \
	struct image *im = valid_image();                                      \
	struct elf_image img;                                                  \
	KTEST_ASSERT_NOT_NULL(t, im);                                          \
	change;                                                                \
	KTEST_EXPECT_EQ(t, read_image(im, &img), -ENOEXEC);                    \
	KTEST_EXPECT_TRUE(t, img.why && strstr(img.why, reason));              \
	if (img.why)                                                           \
		ktest_log(t, "%s -> %s", #change, img.why);                    \
	kfree(im);                                                             \
} while (0)

static void elf_refuses_truncated(struct ktest *t)
{
	EXPECT_REFUSED(t, im->size = 40, "too short");
	EXPECT_REFUSED(t, im->size = sizeof(Elf32_Ehdr) + 40, "program headers run past");
	EXPECT_REFUSED(t, im->size = 0x1080, "past the end of the file");   /* data cut */
	EXPECT_REFUSED(t, im->eh.e_phoff = 0xfffffff0, "program headers run past");
}

static void elf_refuses_wrong_kind(struct ktest *t)
{
	EXPECT_REFUSED(t, memcpy(im->bytes, "#!/bin/sh\n", 10), "not an ELF");
	EXPECT_REFUSED(t, im->eh.e_ident[EI_CLASS] = 2, "32-bit");
	EXPECT_REFUSED(t, im->eh.e_ident[EI_DATA] = 2, "little-endian");
	EXPECT_REFUSED(t, im->eh.e_machine = 62, "i386");                  /* EM_X86_64 */
	EXPECT_REFUSED(t, im->eh.e_type = ET_DYN, "PIE");
	EXPECT_REFUSED(t, im->eh.e_type = 1, "not an executable");          /* ET_REL */
	EXPECT_REFUSED(t, im->eh.e_phentsize = 56, "size");
	EXPECT_REFUSED(t, im->eh.e_phnum = 0, "no program headers");
}

static void elf_refuses_dynamic(struct ktest *t)
{
	EXPECT_REFUSED(t, im->ph[2].p_type = PT_INTERP, "dynamically linked");
	EXPECT_REFUSED(t, im->ph[2].p_type = PT_DYNAMIC, "dynamically linked");
}

static void elf_refuses_bad_segments(struct ktest *t)
{
	EXPECT_REFUSED(t, im->ph[1].p_filesz = 0x900, "filesz > memsz");
	EXPECT_REFUSED(t, (im->ph[1].p_vaddr = 0xBFFFF000, im->ph[1].p_memsz = 0x2000,
			   im->ph[1].p_filesz = 0x100), "kernel space");
	EXPECT_REFUSED(t, (im->ph[1].p_vaddr = 0xFFFFF000, im->ph[1].p_memsz = 0x2000,
			   im->ph[1].p_filesz = 0x100), "kernel space");   /* wraps around */
	EXPECT_REFUSED(t, im->ph[1].p_offset = 0xffc, "disagree");
	EXPECT_REFUSED(t, im->ph[1].p_vaddr = BASE, "overlap");
	EXPECT_REFUSED(t, (im->ph[0].p_type = PT_NOTE, im->ph[1].p_type = PT_NOTE), "no PT_LOAD");
	EXPECT_REFUSED(t, im->eh.e_entry = BASE + 0x1010, "entry point");  /* in data */
	EXPECT_REFUSED(t, im->eh.e_entry = 0x1000, "entry point");         /* unmapped */
}

static const struct ktest_case elf_cases[] = {
	KTEST_CASE(elf_reads_valid_image),
	KTEST_CASE(elf_refuses_truncated),
	KTEST_CASE(elf_refuses_wrong_kind),
	KTEST_CASE(elf_refuses_dynamic),
	KTEST_CASE(elf_refuses_bad_segments),
	{}
};
KTEST_SUITE(elf, elf_cases);
