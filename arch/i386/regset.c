/* arch/i386/regset.c: the i386 register sets of a core file
 * (include/asm/elf.h), taken from a task that is not running user code:
 * the general registers from the user frame at the top of its kernel
 * stack (struct pt_regs), the FPU state from its fxsave image
 * (thread.fpu, arch/i386/process.c), given whole for NT_PRXFPREG and
 * converted to the older fsave layout for NT_PRFPREG.
 *
 * The fxsave image keeps an abridged tag word (one bit per physical
 * register: empty or not) where fsave keeps two bits per register (valid,
 * zero, special, empty); the two bits are worked out from the register's
 * contents, as the CPU would classify them. The fxsave offsets used below
 * are Intel's (SDM vol. 1, "FXSAVE"). */
#include <kernel.h>
#include <sched.h>
#include <asm/elf.h>
#include <asm/ptrace.h>

/* fxsave image offsets */
#define FX_FCW   0
#define FX_FSW   2
#define FX_FTW   4        /* abridged: bit i set = physical register i in use */
#define FX_FOP   6
#define FX_FIP   8
#define FX_FCS   12
#define FX_FOO   16
#define FX_FOS   20
#define FX_MXCSR 24
#define FX_ST    32       /* st(0)..st(7), 16 bytes apart, 10 used */

/* fsave tag values */
#define TAG_VALID   0
#define TAG_ZERO    1
#define TAG_SPECIAL 2
#define TAG_EMPTY   3

void elf_core_copy_regs(elf_gregset_t gregs, const struct pt_regs *regs)
{
	gregs[0] = regs->ebx;
	gregs[1] = regs->ecx;
	gregs[2] = regs->edx;
	gregs[3] = regs->esi;
	gregs[4] = regs->edi;
	gregs[5] = regs->ebp;
	gregs[6] = regs->eax;
	gregs[7] = regs->ds & 0xffff;      /* selectors: the pushed upper half is junk */
	gregs[8] = regs->es & 0xffff;
	gregs[9] = regs->fs & 0xffff;
	gregs[10] = regs->gs & 0xffff;
	gregs[11] = regs->orig_eax;
	gregs[12] = regs->eip;
	gregs[13] = regs->cs & 0xffff;
	gregs[14] = regs->eflags;
	gregs[15] = regs->esp;
	gregs[16] = regs->ss & 0xffff;
}

const struct fpu_state *task_fxsave_image(struct task_struct *p, struct fpu_state *scratch)
{
	if (p == current ? fpu_save_current() : (p->flags & PF_USED_MATH))
		return &p->thread.fpu;
	memset(scratch, 0, sizeof(*scratch));
	*(u16 *)&scratch->fxsave[FX_FCW] = FPU_CWD_DEFAULT;
	*(u32 *)&scratch->fxsave[FX_MXCSR] = MXCSR_DEFAULT;
	return scratch;                   /* every register empty: tag bits 0 */
}

/* The fsave tag of a register in use, from its 80-bit contents: a 64-bit
 * significand (explicit integer bit at the top) and a 15-bit exponent. */
static u32 register_tag(const u8 *reg)
{
	u64 significand = *(const u64 *)reg;
	u16 exponent = *(const u16 *)(reg + 8) & 0x7fff;

	if (exponent == 0x7fff)
		return TAG_SPECIAL;               /* infinity or NaN */
	if (exponent == 0)
		return significand ? TAG_SPECIAL : TAG_ZERO;    /* denormal or zero */
	return (significand >> 63) ? TAG_VALID : TAG_SPECIAL;  /* unnormal: special */
}

/* The full tag word: two bits per physical register. The image stores the
 * registers by stack position, st(i) being physical register (top + i) & 7. */
static u32 full_tag_word(const u8 *fx)
{
	unsigned int top = (*(const u16 *)&fx[FX_FSW] >> 11) & 7;
	u32 twd = 0xffff0000u;

	for (unsigned int phys = 0; phys < 8; phys++) {
		u32 tag = TAG_EMPTY;

		if (fx[FX_FTW] & (1u << phys))
			tag = register_tag(&fx[FX_ST + 16 * ((phys - top) & 7)]);
		twd |= tag << (2 * phys);
	}
	return twd;
}

void convert_from_fxsr(struct user_i387_struct *env, const struct fpu_state *fpu)
{
	const u8 *fx = fpu->fxsave;

	env->cwd = *(const u16 *)&fx[FX_FCW] | 0xffff0000u;
	env->swd = *(const u16 *)&fx[FX_FSW] | 0xffff0000u;
	env->twd = full_tag_word(fx);
	env->fip = *(const u32 *)&fx[FX_FIP];
	env->fcs = *(const u16 *)&fx[FX_FCS] | ((u32)*(const u16 *)&fx[FX_FOP] << 16);
	env->foo = *(const u32 *)&fx[FX_FOO];
	env->fos = *(const u16 *)&fx[FX_FOS] | 0xffff0000u;
	for (int i = 0; i < 8; i++)
		memcpy(&env->st_space[10 * i], &fx[FX_ST + 16 * i], 10);
}
