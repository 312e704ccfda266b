#!/bin/sh
# scripts/check-arch-boundary.sh: the arch boundary holds. Inline assembly and
# port I/O belong to arch/i386/ and include/asm/ only; everything else reaches
# the hardware through the named hooks there (safe_halt(), call_on_stack(),
# write_cr3(), syscall_trap(), machine_exit(), crash_setup_regs(), the pte_*()
# helpers, ...). This fails, naming each line, when a kernel .c or .h file
# elsewhere uses `asm`/`__asm__` (asm volatile, asm goto, ...), calls a port
# I/O routine (inb/outb/inw/outw/inl/outl, their _p forms, ins*/outs*) or
# includes <asm/io.h>. Tests are kernel code and obey the rule too (tests/);
# the x86 self-test suites that run the instructions they test live in
# arch/i386/ (test_cpu.c, test_traps.c), as Linux keeps them under arch/x86.
#
# Not checked: user/ (user space: its programs make system calls and probe
# registers with inline assembly, as any Linux program may) and build/. The
# .asm files are assembly by nature, not inline assembly: arch/i386/*.asm and
# boot/*.asm (head.asm, the multiboot entry, and higher_half.asm, the jump to
# start_kernel, which run before any C).
#
# Before scanning the tree it proves itself on a file it knows is bad, so a
# pattern that stopped matching cannot pass quietly. `make test` runs it.
# Usage: sh scripts/check-arch-boundary.sh [tree]   (default: this repository)
set -eu

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}

ASM='(^|[^A-Za-z0-9_./])(__asm__|__asm|asm)([[:space:]]+(__volatile__|volatile|goto|inline))*[[:space:]]*\('
PIO='(^|[^A-Za-z0-9_.>])(in|out)(s?)[bwl](_p)?[[:space:]]*\('
IOH='#[[:space:]]*include[[:space:]]*<asm/io\.h>'

# Every kernel .c/.h under $1 outside the arch, as NUL-free path lines.
kernel_sources() {
	find "$1" \( -path "$1/arch/i386" -o -path "$1/include/asm" -o -path "$1/user" \
		-o -path "$1/build" -o -path "$1/.git" \) -prune -o \
		-type f \( -name '*.c' -o -name '*.h' \) -print | sort
}

# Print path:line: text for each violation under $1; status 0 when none.
scan() {
	found=0
	for f in $(kernel_sources "$1"); do
		hits=$(grep -nE "$ASM|$PIO|$IOH" "$f") || continue
		printf '%s\n' "$hits" | sed "s|^|${f#"$1"/}:|"
		found=1
	done
	return $found
}

# Self-check: a kernel file with each kind of violation must be caught.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/kernel" "$tmp/arch/i386"
printf '%s\n' 'static void a(void) { __asm__ __volatile__("hlt"); }' > "$tmp/kernel/a.c"
printf '%s\n' 'static void b(void) { asm volatile ("cli"); }' > "$tmp/kernel/b.c"
printf '%s\n' 'static void c(void) { outb(0x43, 0); }' > "$tmp/kernel/c.c"
printf '%s\n' '#include <asm/io.h>' > "$tmp/kernel/d.h"
printf '%s\n' '/* boot/head.asm calls it; <asm/page.h> */' '#include <asm/irqflags.h>' \
	'static int x(void) { return inbox(3) + p->inb(4); }' > "$tmp/kernel/ok.c"
printf '%s\n' 'static void e(void) { asm("nop"); outb(0x80, 0); }' > "$tmp/arch/i386/ok.c"
n=$(scan "$tmp" | wc -l) || true
if [ "$n" -ne 4 ]; then
	echo "check-arch-boundary: self-check found $n of the 4 planted violations" >&2
	scan "$tmp" >&2 || true
	exit 1
fi

if out=$(scan "$root"); then
	echo "check-arch-boundary: ok (no inline assembly or port I/O outside arch/i386/ and include/asm/)"
else
	printf "%s\n" "$out" >&2
	echo "check-arch-boundary: inline assembly or port I/O outside arch/i386/ and include/asm/;" \
		"move it behind a hook there" >&2
	exit 1
fi
