/* include/elf.h: the ELF32 file format (System V ABI, i386 supplement):
 * the file header, the program headers exec reads, and the front half of
 * exec (fs/binfmt_elf.c), which checks an executable and lists what to map;
 * also the note records a core file carries (fs/binfmt_elf_core.c).
 *
 *   file:  [Elf32_Ehdr][Elf32_Phdr x e_phnum] ... segment bytes ...
 *   PT_LOAD: map p_filesz bytes from p_offset at p_vaddr, then zero up to
 *            p_memsz (the bss); p_vaddr and p_offset agree modulo the page. */
#ifndef TASKLAB_ELF_H
#define TASKLAB_ELF_H

#include <types.h>

#define EI_NIDENT   16
#define ELFMAG      "\177ELF"
#define EI_CLASS    4
#define EI_DATA     5
#define EI_VERSION  6
#define EI_OSABI    7
#define ELFCLASS32  1
#define ELFDATA2LSB 1
#define EV_CURRENT  1
#define ET_EXEC     2
#define ET_DYN      3
#define ET_CORE     4
#define EM_386      3

#define PT_NULL    0
#define PT_LOAD    1
#define PT_DYNAMIC 2
#define PT_INTERP  3
#define PT_NOTE    4
#define PT_PHDR    6
#define PT_TLS     7
#define PT_GNU_STACK 0x6474e551

#define PF_X 1
#define PF_W 2
#define PF_R 4

typedef struct {
	u8  e_ident[EI_NIDENT];
	u16 e_type, e_machine;
	u32 e_version, e_entry, e_phoff, e_shoff, e_flags;
	u16 e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	u32 p_type, p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_flags, p_align;
} Elf32_Phdr;

/* A note: this header, the owner's name (NUL included) and the descriptor,
 * each padded to 4 bytes. */
typedef struct {
	u32 n_namesz, n_descsz, n_type;
} Elf32_Nhdr;

/* Note types of a Linux core file: "CORE" notes, and "LINUX" for the
 * x86 extended FPU state (Linux's include/uapi/linux/elf.h). */
#define NT_PRSTATUS 1                   /* struct elf_prstatus, one per thread */
#define NT_PRFPREG  2                   /* struct user_i387_struct (NT_FPREGSET) */
#define NT_PRPSINFO 3                   /* struct elf_prpsinfo */
#define NT_AUXV     6                   /* the auxiliary vector exec gave */
#define NT_SIGINFO  0x53494749          /* the siginfo of the fatal signal */
#define NT_PRXFPREG 0x46e62b7f          /* the fxsave image (user_fxsr_struct) */

#define ELF_MAX_PHDRS    16     /* more program headers than this: ENOEXEC */
#define ELF_MAX_SEGMENTS 8      /* PT_LOAD segments */

/* One PT_LOAD segment, as exec will map it. */
struct elf_segment {
	u32 vaddr;              /* where it starts (not page aligned) */
	u32 memsz;              /* bytes in memory */
	u32 filesz;             /* of which from the file (the rest is zero) */
	u32 offset;             /* file offset of vaddr */
	u32 prot;               /* PROT_READ | PROT_WRITE | PROT_EXEC */
};

/* What exec needs to know about a valid executable. */
struct elf_image {
	u32 entry;              /* e_entry: the first instruction */
	u32 phdr;               /* user address of the program headers (AT_PHDR) */
	u16 phnum, phent;       /* AT_PHNUM, AT_PHENT */
	u32 brk;                /* page-aligned end of the highest segment: brk start */
	bool exec_stack;        /* no PT_GNU_STACK, or one asking for PF_X */
	int nr_segments;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
	const char *why;        /* on failure: why the file was refused */
};

struct file;
/* Read and check the executable open in f. 0 with *img filled; -ENOEXEC
 * (img->why says why: not ELF, wrong class or machine, dynamically linked,
 * segments out of bounds...), -EIO for a short read, -ENOMEM. */
int elf_read_image(struct file *f, struct elf_image *img);

#endif
