/* fs/binfmt_elf_core.c: the ELF core file of a process (Linux's
 * elf_core_dump, fs/binfmt_elf.c), written by fs/coredump.c while the
 * dumping thread runs and every other thread of the group waits for it:
 *
 *   Elf32_Ehdr             ET_CORE, EM_386, e_phnum = 1 + one per VMA
 *   Elf32_Phdr PT_NOTE     the notes below
 *   Elf32_Phdr PT_LOAD     per VMA: its addresses, protection, and the
 *                          bytes of it the file holds (p_filesz)
 *   notes, "CORE" unless said: the dumping thread's NT_PRSTATUS first (so
 *     gdb starts there), NT_PRPSINFO, NT_SIGINFO, NT_AUXV, its NT_PRFPREG
 *     and NT_PRXFPREG ("LINUX"); then each other thread's NT_PRSTATUS,
 *     NT_PRFPREG, NT_PRXFPREG (a thread's FPU notes follow its status)
 *   page aligned: each dumped VMA's contents, in address order
 *
 * Which VMAs have their contents in the file is Linux's default
 * coredump_filter (0x33): private memory the process may have written
 * (anonymous, or a writable private file mapping such as .data) and
 * shared anonymous memory; a read-only or shared file mapping (the
 * program's text) gets only its header, with p_filesz 0, and gdb reads
 * it from the program file. Pages never touched are left as holes of the
 * file (zeros, no memory). Linux leaves out the contents of an anonymous
 * VMA never written at all; Tasklab has no anon_vma to tell, so such a
 * VMA is all holes instead, which reads the same. */
#include <kernel.h>
#include <coredump.h>
#include <elf.h>
#include <fs.h>
#include <mman.h>
#include <sched.h>
#include <sched/cputime.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <time.h>
#include <asm/elf.h>
#include <asm/uaccess.h>

#define ELF_PRARGSZ 80                    /* argv bytes NT_PRPSINFO keeps */
#define SIGINFO_SIZE 128                  /* the user siginfo_t */

struct elf_siginfo {
	int si_signo, si_code, si_errno;
};

/* Linux's i386 struct elf_prstatus (144 bytes). */
struct elf_prstatus {
	struct elf_siginfo pr_info;       /* the signal that caused the dump */
	short pr_cursig;
	u32 pr_sigpend, pr_sighold;       /* signals 1-32 pending, blocked */
	s32 pr_pid, pr_ppid, pr_pgrp, pr_sid;
	struct timeval32 pr_utime, pr_stime, pr_cutime, pr_cstime;
	elf_gregset_t pr_reg;
	s32 pr_fpvalid;
};

/* Linux's i386 struct elf_prpsinfo (124 bytes; ids are 16-bit there). */
struct elf_prpsinfo {
	char pr_state, pr_sname, pr_zomb, pr_nice;
	u32 pr_flag;
	u16 pr_uid, pr_gid;
	s32 pr_pid, pr_ppid, pr_pgrp, pr_sid;
	char pr_fname[16];
	char pr_psargs[ELF_PRARGSZ];
};

_Static_assert(sizeof(struct elf_prstatus) == 144, "i386 elf_prstatus");
_Static_assert(sizeof(struct elf_prpsinfo) == 124, "i386 elf_prpsinfo");
_Static_assert(sizeof(struct user_i387_struct) == 108, "i386 user_i387_struct");

static size_t notesize(const char *name, size_t descsz)
{
	return sizeof(Elf32_Nhdr) + ALIGN_UP(strlen(name) + 1, 4) + ALIGN_UP(descsz, 4);
}

static bool writenote(struct coredump_params *cprm, const char *name, u32 type,
		      const void *desc, size_t descsz)
{
	static const char pad[4];
	Elf32_Nhdr nhdr = { strlen(name) + 1, descsz, type };

	return dump_emit(cprm, &nhdr, sizeof(nhdr)) &&
	       dump_emit(cprm, name, nhdr.n_namesz) &&
	       dump_emit(cprm, pad, ALIGN_UP(nhdr.n_namesz, 4) - nhdr.n_namesz) &&
	       dump_emit(cprm, desc, descsz) &&
	       dump_emit(cprm, pad, ALIGN_UP(descsz, 4) - descsz);
}

/* The auxv exec gave, up to and including its AT_NULL pair, in bytes. */
static size_t auxv_size(const struct mm_struct *mm)
{
	size_t i = 0;

	while (i + 2 <= AT_VECTOR_SIZE && mm->saved_auxv[i])
		i += 2;
	return min(i + 2, (size_t)AT_VECTOR_SIZE) * sizeof(mm->saved_auxv[0]);
}

/* The dumper, then every thread waiting in coredump_task_exit. */
static int nr_core_threads(void)
{
	int n = 0;

	for (struct core_thread *ct = &current->signal->core_state->dumper; ct; ct = ct->next)
		n++;
	return n;
}

static size_t notes_size(const struct mm_struct *mm)
{
	size_t per_thread = notesize("CORE", sizeof(struct elf_prstatus)) +
			    notesize("CORE", sizeof(struct user_i387_struct)) +
			    notesize("LINUX", sizeof(struct fpu_state));

	return nr_core_threads() * per_thread +
	       notesize("CORE", sizeof(struct elf_prpsinfo)) +
	       notesize("CORE", SIGINFO_SIZE) + notesize("CORE", auxv_size(mm));
}

static void fill_prstatus(struct elf_prstatus *pr, struct task_struct *p, int signr)
{
	struct task_cputime ct = { p->utime, p->stime };

	memset(pr, 0, sizeof(*pr));
	pr->pr_info.si_signo = pr->pr_cursig = signr;
	pr->pr_sigpend = (u32)p->pending.signal;
	pr->pr_sighold = (u32)p->blocked;
	pr->pr_pid = p->pid;
	pr->pr_ppid = p->real_parent->pid;
	pr->pr_pgrp = p->pgid;
	pr->pr_sid = p->sid;
	if (thread_group_leader(p))       /* the leader's times are the process's */
		thread_group_cputime(p, &ct);
	ticks_to_timeval(ct.utime, &pr->pr_utime.tv_sec, &pr->pr_utime.tv_usec);
	ticks_to_timeval(ct.stime, &pr->pr_stime.tv_sec, &pr->pr_stime.tv_usec);
	ticks_to_timeval(p->signal->times.cutime, &pr->pr_cutime.tv_sec, &pr->pr_cutime.tv_usec);
	ticks_to_timeval(p->signal->times.cstime, &pr->pr_cstime.tv_sec, &pr->pr_cstime.tv_usec);
	elf_core_copy_regs(pr->pr_reg, task_pt_regs(p));
	pr->pr_fpvalid = 1;               /* NT_PRFPREG follows */
}

/* An id as the 16-bit field holds it (Linux's overflow id for a big one). */
static u16 low_id(unsigned int id)
{
	return id > 0xffff ? 65534 : id;
}

/* argv as ps shows it: the strings exec left, NULs made spaces. */
static void fill_psargs(char *psargs, const struct mm_struct *mm)
{
	size_t len = min(mm->arg_end - mm->arg_start, (unsigned long)ELF_PRARGSZ - 1);

	if (copy_from_user(psargs, (const void *)mm->arg_start, len))
		len = 0;
	for (size_t i = 0; i < len; i++)
		if (!psargs[i])
			psargs[i] = ' ';
	while (len && psargs[len - 1] == ' ')
		len--;
	psargs[len] = '\0';
}

static void fill_psinfo(struct elf_prpsinfo *ps, struct task_struct *p)
{
	int i = p->state ? __builtin_ctzl(p->state) + 1 : 0;

	memset(ps, 0, sizeof(*ps));
	ps->pr_state = i;
	ps->pr_sname = i > 5 ? '.' : "RSDTZW"[i];
	ps->pr_zomb = ps->pr_sname == 'Z';
	ps->pr_nice = p->nice;
	ps->pr_flag = p->flags;
	ps->pr_uid = low_id(p->uid);
	ps->pr_gid = low_id(p->gid);
	ps->pr_pid = p->tgid;
	ps->pr_ppid = p->real_parent->tgid;
	ps->pr_pgrp = p->pgid;
	ps->pr_sid = p->sid;
	strlcpy(ps->pr_fname, p->comm, sizeof(ps->pr_fname));
	fill_psargs(ps->pr_psargs, p->mm);
}

/* The notes the process has once, after the dumper's NT_PRSTATUS. */
static bool write_process_notes(struct coredump_params *cprm)
{
	struct elf_prpsinfo ps;
	u8 siginfo[SIGINFO_SIZE] = { 0 };

	fill_psinfo(&ps, current);
	memcpy(siginfo, cprm->siginfo, sizeof(*cprm->siginfo));   /* its leading words */
	return writenote(cprm, "CORE", NT_PRPSINFO, &ps, sizeof(ps)) &&
	       writenote(cprm, "CORE", NT_SIGINFO, siginfo, sizeof(siginfo)) &&
	       writenote(cprm, "CORE", NT_AUXV, current->mm->saved_auxv,
			 auxv_size(current->mm));
}

/* One thread's notes: its status, then (for the dumper, which comes
 * first) the process's, then its FPU state in both layouts. */
static bool write_thread_notes(struct coredump_params *cprm, struct task_struct *p, bool first)
{
	struct elf_prstatus pr;
	struct user_i387_struct i387;
	struct fpu_state scratch;
	const struct fpu_state *fx = task_fxsave_image(p, &scratch);

	fill_prstatus(&pr, p, cprm->siginfo->si_signo);
	convert_from_fxsr(&i387, fx);
	return writenote(cprm, "CORE", NT_PRSTATUS, &pr, sizeof(pr)) &&
	       (!first || write_process_notes(cprm)) &&
	       writenote(cprm, "CORE", NT_PRFPREG, &i387, sizeof(i387)) &&
	       writenote(cprm, "LINUX", NT_PRXFPREG, fx, sizeof(*fx));
}

static bool write_notes(struct coredump_params *cprm)
{
	struct core_thread *ct = &current->signal->core_state->dumper;

	for (; ct; ct = ct->next)
		if (!write_thread_notes(cprm, ct->task, ct == &current->signal->core_state->dumper))
			return false;
	return true;
}

/* Is vma's file shared anonymous memory (mm/shmem.c): in no directory? */
static bool shared_anonymous(const struct vm_area_struct *vma)
{
	const struct dentry *d = vma->vm_file->f_dentry;

	return d->d_inode->i_nlink == 0 || d->d_parent == d;
}

/* Bytes of vma the file holds (see the top of the file). */
static unsigned long vma_dump_size(const struct vm_area_struct *vma)
{
	unsigned long size = vma->vm_end - vma->vm_start;

	if (vma->vm_flags & VM_MAYSHARE)
		return shared_anonymous(vma) ? size : 0;
	return !vma->vm_file || (vma->vm_flags & VM_WRITE) ? size : 0;
}

static bool write_elf_header(struct coredump_params *cprm, int phnum)
{
	Elf32_Ehdr eh = {
		.e_type = ET_CORE, .e_machine = EM_386, .e_version = EV_CURRENT,
		.e_phoff = sizeof(Elf32_Ehdr), .e_ehsize = sizeof(Elf32_Ehdr),
		.e_phentsize = sizeof(Elf32_Phdr), .e_phnum = phnum,
	};

	memcpy(eh.e_ident, ELFMAG, 4);
	eh.e_ident[EI_CLASS] = ELFCLASS32;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	return dump_emit(cprm, &eh, sizeof(eh));
}

/* The PT_NOTE header, then a PT_LOAD per VMA whose contents start at
 * dataoff and follow each other. */
static bool write_phdrs(struct coredump_params *cprm, u32 notes_off, u32 notes_sz, u32 dataoff)
{
	Elf32_Phdr ph = { .p_type = PT_NOTE, .p_offset = notes_off, .p_filesz = notes_sz, .p_align = 4 };
	struct vm_area_struct *vma;

	if (!dump_emit(cprm, &ph, sizeof(ph)))
		return false;
	list_for_each_entry(vma, &current->mm->mmap, vm_list) {
		ph = (Elf32_Phdr){
			.p_type = PT_LOAD, .p_offset = dataoff, .p_vaddr = vma->vm_start,
			.p_filesz = vma_dump_size(vma), .p_memsz = vma->vm_end - vma->vm_start,
			.p_flags = (vma->vm_flags & VM_READ ? PF_R : 0) |
				   (vma->vm_flags & VM_WRITE ? PF_W : 0) |
				   (vma->vm_flags & VM_EXEC ? PF_X : 0),
			.p_align = PAGE_SIZE,
		};
		dataoff += ph.p_filesz;
		if (!dump_emit(cprm, &ph, sizeof(ph)))
			return false;
	}
	return true;
}

/* The contents of [vma_start, vma_start + size): pages with something in
 * them are written, the others left as holes (Linux's dump_user_range). */
static bool dump_vma(struct coredump_params *cprm, struct vm_area_struct *vma, unsigned long size)
{
	for (unsigned long addr = vma->vm_start; addr < vma->vm_start + size; addr += PAGE_SIZE) {
		if (!copy_dump_page(vma, addr, cprm->page))
			dump_skip(cprm, PAGE_SIZE);
		else if (!dump_emit(cprm, cprm->page, PAGE_SIZE))
			return false;
	}
	return true;
}

/* The dump proper, mmap_lock held for reading: the VMA list is walked
 * twice (headers, contents) and must not change in between under a
 * thread of the group still running on another CPU. */
static bool elf_core_dump_locked(struct coredump_params *cprm, struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	int phnum = mm->map_count + 1;
	u32 notes_off = sizeof(Elf32_Ehdr) + phnum * sizeof(Elf32_Phdr);
	u32 notes_sz = notes_size(mm);

	if (phnum > 0xffff)               /* Linux's extended numbering: not here */
		return false;
	if (!write_elf_header(cprm, phnum) ||
	    !write_phdrs(cprm, notes_off, notes_sz, ALIGN_UP(notes_off + notes_sz, PAGE_SIZE)) ||
	    !write_notes(cprm))
		return false;
	dump_align(cprm, PAGE_SIZE);
	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (!dump_vma(cprm, vma, vma_dump_size(vma)))
			return false;
	return true;
}

bool elf_core_dump(struct coredump_params *cprm)
{
	struct mm_struct *mm = current->mm;
	bool dumped;

	down_read(&mm->mmap_lock);
	dumped = elf_core_dump_locked(cprm, mm);
	up_read(&mm->mmap_lock);
	return dumped;
}
