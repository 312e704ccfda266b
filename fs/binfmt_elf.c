/* fs/binfmt_elf.c: the front half of exec for ELF32 i386 executables. It
 * reads the file header and program headers of an open file, refuses
 * anything exec could not run correctly, and lists the PT_LOAD segments,
 * the entry point and the address of the program headers (for AT_PHDR).
 * Mapping the segments, building the stack and switching the address space
 * are the back half (with execve, in the user-mode code).
 *
 * Refused with -ENOEXEC, each with a reason in img->why: not ELF; not
 * 32-bit little-endian version 1; not i386; not ET_EXEC (a shared object or
 * static PIE); a PT_INTERP or PT_DYNAMIC header (a dynamically linked
 * program: Tasklab has no dynamic loader); program headers of the wrong
 * size, too many, or outside the file; no PT_LOAD; a PT_LOAD whose file
 * bytes are outside the file, with filesz > memsz, reaching 0xC0000000
 * (the kernel's half), whose address and offset disagree modulo the page,
 * out of order or overlapping; an entry point outside executable code. */
#include <kernel.h>
#include <elf.h>
#include <errno.h>
#include <fs.h>
#include <mm.h>
#include <slab.h>
#include <asm/page.h>
#include <asm/uaccess.h>
#include <uapi/linux/mman.h>

static int refuse(struct elf_image *img, const char *why)
{
	img->why = why;
	return -ENOEXEC;
}

static int check_header(const Elf32_Ehdr *eh, struct elf_image *img)
{
	if (memcmp(eh->e_ident, ELFMAG, 4))
		return refuse(img, "not an ELF file");
	if (eh->e_ident[EI_CLASS] != ELFCLASS32)
		return refuse(img, "not a 32-bit ELF file");
	if (eh->e_ident[EI_DATA] != ELFDATA2LSB || eh->e_ident[EI_VERSION] != EV_CURRENT)
		return refuse(img, "not little-endian ELF version 1");
	if (eh->e_machine != EM_386)
		return refuse(img, "not an i386 program (wrong e_machine)");
	if (eh->e_type == ET_DYN)
		return refuse(img, "a shared object or PIE: only static ET_EXEC programs run");
	if (eh->e_type != ET_EXEC)
		return refuse(img, "not an executable (e_type)");
	if (eh->e_phentsize != sizeof(Elf32_Phdr))
		return refuse(img, "program header size is not 32");
	if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHDRS)
		return refuse(img, "no program headers, or too many");
	return 0;
}

static u32 prot_of(u32 flags)
{
	return (flags & PF_R ? PROT_READ : 0) | (flags & PF_W ? PROT_WRITE : 0) |
	       (flags & PF_X ? PROT_EXEC : 0);
}

/* Check one PT_LOAD against the file size and the previous segment. */
static int add_segment(const Elf32_Phdr *ph, loff_t file_size, struct elf_image *img)
{
	struct elf_segment *prev = img->nr_segments ? &img->seg[img->nr_segments - 1] : NULL;
	struct elf_segment *s;

	if (img->nr_segments == ELF_MAX_SEGMENTS)
		return refuse(img, "too many PT_LOAD segments");
	if (ph->p_filesz > ph->p_memsz)
		return refuse(img, "a PT_LOAD has filesz > memsz");
	if (ph->p_offset > file_size || ph->p_filesz > file_size - ph->p_offset)
		return refuse(img, "a PT_LOAD runs past the end of the file");
	if (ph->p_memsz > TASK_SIZE || ph->p_vaddr > TASK_SIZE - ph->p_memsz)
		return refuse(img, "a PT_LOAD reaches into kernel space (0xC0000000)");
	if ((ph->p_vaddr - ph->p_offset) & (PAGE_SIZE - 1))
		return refuse(img, "a PT_LOAD's address and offset disagree within the page");
	if (prev && ph->p_vaddr < prev->vaddr + prev->memsz)
		return refuse(img, "PT_LOAD segments overlap or are out of order");
	s = &img->seg[img->nr_segments++];
	*s = (struct elf_segment){ ph->p_vaddr, ph->p_memsz, ph->p_filesz, ph->p_offset,
				   prot_of(ph->p_flags) };
	img->brk = ALIGN_UP(ph->p_vaddr + ph->p_memsz, PAGE_SIZE);
	return 0;
}

/* The user address of the program headers: PT_PHDR if present, else where
 * the PT_LOAD holding file offset e_phoff puts them. 0 if not mapped. */
static u32 phdr_address(const Elf32_Ehdr *eh, const Elf32_Phdr *ph, const struct elf_image *img)
{
	u32 size = eh->e_phnum * sizeof(Elf32_Phdr);

	for (int i = 0; i < eh->e_phnum; i++)
		if (ph[i].p_type == PT_PHDR)
			return ph[i].p_vaddr;
	for (int i = 0; i < img->nr_segments; i++) {
		const struct elf_segment *s = &img->seg[i];
		if (eh->e_phoff >= s->offset && eh->e_phoff + size <= s->offset + s->filesz)
			return s->vaddr + (eh->e_phoff - s->offset);
	}
	return 0;
}

static bool entry_is_code(const struct elf_image *img)
{
	for (int i = 0; i < img->nr_segments; i++) {
		const struct elf_segment *s = &img->seg[i];
		if (img->entry >= s->vaddr && img->entry < s->vaddr + s->memsz)
			return s->prot & PROT_EXEC;
	}
	return false;
}

static int check_phdrs(const Elf32_Ehdr *eh, const Elf32_Phdr *ph, loff_t size,
		       struct elf_image *img)
{
	for (int i = 0; i < eh->e_phnum; i++) {
		int err = 0;
		switch (ph[i].p_type) {
		case PT_INTERP: case PT_DYNAMIC:
			return refuse(img, "dynamically linked (PT_INTERP/PT_DYNAMIC): "
					   "Tasklab runs static programs only");
		case PT_LOAD:
			err = add_segment(&ph[i], size, img);
			break;
		case PT_GNU_STACK:
			img->exec_stack = ph[i].p_flags & PF_X;
			break;
		}
		if (err)
			return err;
	}
	if (!img->nr_segments)
		return refuse(img, "no PT_LOAD segment");
	if (!entry_is_code(img))
		return refuse(img, "the entry point is not in an executable segment");
	img->phdr = phdr_address(eh, ph, img);
	return 0;
}

/* Read exactly n bytes at pos: 0, -EIO (short: the file is truncated; for
 * headers that is an exec format error), or the read's error. */
static int read_exact(struct file *f, void *buf, size_t n, loff_t pos)
{
	ssize_t got = kernel_read(f, buf, n, &pos);

	if (got < 0)
		return (int)got;
	return (size_t)got == n ? 0 : -EIO;
}

int elf_read_image(struct file *f, struct elf_image *img)
{
	loff_t size = f->f_inode->i_size;
	Elf32_Ehdr eh;
	Elf32_Phdr *ph;
	size_t phsize;
	int err;

	*img = (struct elf_image){ .exec_stack = true };
	if (size < (loff_t)sizeof(eh))
		return refuse(img, "too short to be an ELF file");
	err = read_exact(f, &eh, sizeof(eh), 0);
	if (err)
		return err;
	err = check_header(&eh, img);
	if (err)
		return err;
	phsize = eh.e_phnum * sizeof(Elf32_Phdr);
	if (eh.e_phoff > size || phsize > size - eh.e_phoff)
		return refuse(img, "program headers run past the end of the file");
	ph = kmalloc(phsize, GFP_KERNEL);
	if (!ph)
		return -ENOMEM;
	err = read_exact(f, ph, phsize, eh.e_phoff);
	img->entry = eh.e_entry;
	img->phnum = eh.e_phnum;
	img->phent = eh.e_phentsize;
	if (!err)
		err = check_phdrs(&eh, ph, size, img);
	kfree(ph);
	return err;
}
