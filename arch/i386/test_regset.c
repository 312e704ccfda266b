/* arch/i386/test_regset.c: the register sets of a core file
 * (arch/i386/regset.c). The FPU case loads the x87 registers with values
 * of each kind, saves them both ways (fxsave, and the CPU's own fnsave),
 * and checks that converting the fxsave image gives what fnsave wrote:
 * the CPU is the reference for the tag word and the register order. (Not
 * for the last instruction and operand pointers: QEMU's fxsave stores
 * zeros there, its fnsave the real ones; a hand-made image checks where
 * they go.) It runs the instructions it tests, so it lives here with the
 * other x86 suites. */
#include <kernel.h>
#include <ktest.h>
#include <sched.h>
#include <asm/elf.h>
#include <asm/ptrace.h>

#define DOUBLE_INF  0x7ff0000000000000ULL
#define DOUBLE_HALF 0x3fe0000000000000ULL

/* fnsave's 108 bytes: seven words of environment, then st(0)..st(7). */
struct fnsave_area {
	u32 cwd, swd, twd, fip, fcs, foo, fos;
	u8 st_space[80];
};

static void fxsr_conversion_matches_fnsave(struct ktest *t)
{
	static const u64 inf = DOUBLE_INF, half = DOUBLE_HALF;
	static struct fpu_state fx;        /* fxsave needs 16-byte alignment */
	struct fnsave_area cpu;
	struct user_i387_struct conv;

	__asm__ __volatile__("fninit\n\t"
			     "fld1\n\t"          /* valid, ends up physical register 7 */
			     "fldz\n\t"          /* zero */
			     "fldl %2\n\t"       /* special: infinity */
			     "fldl %3\n\t"       /* valid; top is 4 now */
			     "fxsave %0\n\t"
			     "fnsave %1"         /* and the FPU is reset */
			     : "=m"(fx), "=m"(cpu) : "m"(inf), "m"(half) : "memory");
	convert_from_fxsr(&conv, &fx);
	KTEST_EXPECT_EQ(t, (cpu.swd >> 11) & 7, 4);
	KTEST_EXPECT_EQ(t, conv.twd & 0xffff, cpu.twd & 0xffff);
	KTEST_EXPECT_EQ(t, conv.twd & 0xffff, 0x18ff);   /* 7 valid, 6 zero, 5 special, 4 valid */
	KTEST_EXPECT_EQ(t, conv.cwd & 0xffff, cpu.cwd & 0xffff);
	KTEST_EXPECT_EQ(t, conv.swd & 0xffff, cpu.swd & 0xffff);
	KTEST_EXPECT_EQ(t, memcmp(conv.st_space, cpu.st_space, sizeof(conv.st_space)), 0);
}

/* A hand-made image: the tags the loads above cannot make (a zero
 * exponent with a non-zero significand, denormal, and a set exponent
 * without the integer bit, unnormal: both special), and where the
 * pointers go (fcs takes the opcode in its upper half). */
static void fxsr_conversion_by_hand(struct ktest *t)
{
	struct fpu_state fx;
	struct user_i387_struct conv;

	memset(&fx, 0, sizeof(fx));
	fx.fxsave[4] = 0x03;                           /* physical 0 and 1 in use; top 0 */
	*(u16 *)&fx.fxsave[6] = 0x5d9;                 /* FOP */
	*(u32 *)&fx.fxsave[8] = 0x11223344;            /* FIP */
	*(u16 *)&fx.fxsave[12] = 0x73;                 /* FCS */
	*(u32 *)&fx.fxsave[16] = 0x55667788;           /* FOO */
	*(u16 *)&fx.fxsave[20] = 0x7b;                 /* FOS */
	fx.fxsave[32] = 1;                             /* st(0): denormal */
	*(u16 *)&fx.fxsave[48 + 8] = 0x3fff;           /* st(1): unnormal */
	convert_from_fxsr(&conv, &fx);
	KTEST_EXPECT_EQ(t, conv.twd, 0xfffffffa);      /* 2, 2, then six empty */
	KTEST_EXPECT_EQ(t, conv.fip, 0x11223344);
	KTEST_EXPECT_EQ(t, conv.fcs, 0x05d90073);
	KTEST_EXPECT_EQ(t, conv.foo, 0x55667788);
	KTEST_EXPECT_EQ(t, conv.fos, 0xffff007b);
	KTEST_EXPECT_EQ(t, conv.st_space[0], 1);
	KTEST_EXPECT_EQ(t, conv.st_space[10 + 9], 0x3f);   /* st(1)'s exponent, 10 bytes on */
}

/* A task that never used the FPU shows the state fninit gives. */
static void fxsave_image_of_task_without_fpu(struct ktest *t)
{
	struct task_struct fake = { .flags = 0 };
	struct fpu_state scratch;
	struct user_i387_struct conv;
	const struct fpu_state *fx = task_fxsave_image(&fake, &scratch);

	KTEST_EXPECT_PTR_EQ(t, fx, &scratch);
	convert_from_fxsr(&conv, fx);
	KTEST_EXPECT_EQ(t, conv.cwd, 0xffff037f);
	KTEST_EXPECT_EQ(t, conv.swd, 0xffff0000);
	KTEST_EXPECT_EQ(t, conv.twd, 0xffffffff);
	KTEST_EXPECT_EQ(t, *(const u32 *)&fx->fxsave[24], MXCSR_DEFAULT);
}

/* NT_PRSTATUS's registers are user_regs_struct's order, selectors 16-bit. */
static void gregs_in_user_regs_order(struct ktest *t)
{
	struct pt_regs regs = {
		.ebx = 1, .ecx = 2, .edx = 3, .esi = 4, .edi = 5, .ebp = 6, .eax = 7,
		.ds = 0xdead007b, .es = 0x7b, .fs = 0, .gs = 0x33, .orig_eax = 11,
		.eip = 12, .cs = 0x73, .eflags = 0x246, .esp = 15, .ss = 0x7b,
	};
	static const u32 want[ELF_NGREG] = { 1, 2, 3, 4, 5, 6, 7, 0x7b, 0x7b, 0, 0x33, 11,
					     12, 0x73, 0x246, 15, 0x7b };
	elf_gregset_t gregs;

	elf_core_copy_regs(gregs, &regs);
	for (int i = 0; i < ELF_NGREG; i++)
		KTEST_EXPECT_EQ(t, gregs[i], want[i]);
}

static const struct ktest_case regset_cases[] = {
	KTEST_CASE(fxsr_conversion_matches_fnsave),
	KTEST_CASE(fxsr_conversion_by_hand),
	KTEST_CASE(fxsave_image_of_task_without_fpu),
	KTEST_CASE(gregs_in_user_regs_order),
	{}
};
KTEST_SUITE(regset, regset_cases);
