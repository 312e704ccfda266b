# Tasklab build. `make` builds build/tasklab.elf; `make run` boots it; `make test`
# runs every self-test suite (plus a GRUB ISO boot and the harness self-checks).
# Sources are found by wildcard: a new .c/.asm file in a source folder is built
# without editing this file. Header dependencies are tracked with -MMD.
#
# Two passes, so that the first `make` on a fresh machine works. The make you
# type (the outer one) asks no tool anything: whatever the goals, it first runs
# scripts/ensure-tools.sh, which installs the missing Debian packages, and only
# then starts a second make (the inner one, TASKLAB_INNER=1) with the same goals
# and flags. Only the inner make reads the build rules below and user/user.mk,
# whose `:=` probes of the cross compiler (LIBGCC, its include directory) run
# at parse time: they see the installed compiler. And since the tool step is
# one recipe that ends before the inner make starts, `make -jN` cannot start a
# compile before it. scripts/check-fresh-build.sh (run by `make test`) proves
# this with the cross tools absent from PATH until the tool step.

ifeq ($(TASKLAB_INNER),)
GOALS := $(or $(MAKECMDGOALS),all)
# test needs every tool (gdb, qemu-user too); gdb, gdb-check and core need gdb; the
# rest the build tools and QEMU. `make clean` alone needs none.
TOOLS_FOR := $(if $(filter test,$(GOALS)),test,$(if $(filter gdb gdb-check core,$(GOALS)),gdb,build))
.DEFAULT_GOAL := all
.PHONY: $(GOALS) tools-then-inner
$(GOALS): tools-then-inner
	@:
tools-then-inner:
ifneq ($(filter-out clean,$(GOALS)),)
	@sh scripts/ensure-tools.sh $(TOOLS_FOR)
endif
	@$(MAKE) --no-print-directory TASKLAB_INNER=1 $(MAKECMDGOALS)

else
CROSS   ?= i686-linux-gnu-
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
NM      := $(CROSS)nm
OBJCOPY := $(CROSS)objcopy
NASM    ?= nasm
PYTHON  ?= python3
QEMU    ?= qemu-system-i386
B       := build

# Memory given to the guest. 2 GiB so that highmem really exists.
MEM     ?= 2G
# The guest CPU: QEMU's most capable model, which has SMEP, SMAP and RDRAND
# (the kernel turns SMEP and SMAP on where the CPU has them). make test and
# make bench use the same (tests/run.py: CPU).
QEMU_CPU ?= max
# Extra kernel command line for `make run` (e.g. ARGS="loglevel=8").
ARGS    ?=
# CPUs for `make run` and `make gdb` (QEMU -smp; SMP=4 starts four).
SMP     ?= 1
# A gdb port per user, derived from the uid as xv6 does, so users don't collide.
GDBPORT ?= $(shell expr `id -u` % 5000 + 25000)

# -fstack-protector-strong with the canary in a global, not %gs:0x14 (the
# kernel has no TLS segment): include/asm/stackprotector.h.
CFLAGS  := -std=gnu11 -m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
           -fstack-protector-strong -mstack-protector-guard=global -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fno-optimize-sibling-calls -fno-shrink-wrap \
           -mgeneral-regs-only -fno-strict-aliasing -fno-common \
           -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
           -Iinclude -MMD -MP
ASFLAGS := -f elf32 -g -F dwarf -I$(B)/include/asm/
LDFLAGS := -m elf_i386 -nostdlib -T linker.ld -z noexecstack
LIBGCC  := $(shell $(CC) -print-libgcc-file-name 2>/dev/null)

SRCDIRS := boot arch/i386 kernel kernel/locking kernel/sched kernel/trace mm fs fs/proc drivers/char drivers/tty lib tests
# Compiled to build/include/asm/layout.inc (below), never linked.
ASM_OFFSETS_C := arch/i386/asm-offsets.c
CSRCS   := $(filter-out $(ASM_OFFSETS_C),$(sort $(foreach d,$(SRCDIRS),$(wildcard $(d)/*.c))))
ASRCS   := $(sort $(foreach d,$(SRCDIRS),$(wildcard $(d)/*.asm)))
OBJS    := $(patsubst %.c,$(B)/%.o,$(CSRCS)) $(patsubst %.asm,$(B)/%.o,$(ASRCS))

KERNEL  := $(B)/tasklab.elf
ISO     := $(B)/tasklab.iso

.DEFAULT_GOAL := all
# User programs and build/initramfs.cpio (rules kept apart from the kernel's).
include user/user.mk

.PHONY: all tools run test iso run-iso gdb gdb-check core bench bench-wall fuzz trace clean
all: $(KERNEL) $(INITRAMFS)

# The outer make has already run the tool step.
tools:
	@:

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -c $< -o $@

$(B)/%.o: %.asm
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(NASM) $(ASFLAGS) -MD $(B)/$*.d $< -o $@

# The constants NASM shares with C, from the C headers, as Linux makes
# asm-offsets.h: arch/i386/asm-offsets.c compiled to assembly, whose markers
# scripts/asm-offsets.py turns into %define lines. Every .asm object depends
# on the result, and the .s on every header it includes (its -MMD file).
LAYOUT_INC := $(B)/include/asm/layout.inc
$(B)/arch/i386/asm-offsets.s: $(ASM_OFFSETS_C) Makefile
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) $(CFLAGS) -S $< -o $@

$(LAYOUT_INC): $(B)/arch/i386/asm-offsets.s scripts/asm-offsets.py
	@mkdir -p $(dir $@)
	@echo "  GEN     $@"
	@$(PYTHON) scripts/asm-offsets.py < $< > $@.tmp && mv $@.tmp $@

$(patsubst %.asm,$(B)/%.o,$(ASRCS)): $(LAYOUT_INC)
-include $(B)/arch/i386/asm-offsets.d

# No inline assembly or port I/O outside arch/i386/ and include/asm/.
.PHONY: check-arch-boundary
check-arch-boundary:
	@sh scripts/check-arch-boundary.sh
test: check-arch-boundary

# kallsyms, as Linux does it: link once with an empty symbol table, generate the
# table from that image's text symbols, link again. The table lives in its own
# section after everything else, so the second link moves no function.
$(B)/kallsyms0.o: scripts/kallsyms.py
	@mkdir -p $(B)
	@$(PYTHON) scripts/kallsyms.py --empty > $(B)/kallsyms0.c
	@$(CC) $(CFLAGS) -c $(B)/kallsyms0.c -o $@

$(B)/pass1.elf: $(OBJS) $(B)/kallsyms0.o linker.ld
	@echo "  LD      $@ (pass 1)"
	@$(LD) $(LDFLAGS) -o $@ $(OBJS) $(B)/kallsyms0.o $(LIBGCC)

$(B)/kallsyms.o: $(B)/pass1.elf scripts/kallsyms.py
	@echo "  KSYMS   $(B)/kallsyms.c"
	@$(NM) -n -S $< | $(PYTHON) scripts/kallsyms.py > $(B)/kallsyms.c
	@$(CC) $(CFLAGS) -c $(B)/kallsyms.c -o $@

$(KERNEL): $(OBJS) $(B)/kallsyms.o linker.ld
	@echo "  LD      $@"
	@$(LD) $(LDFLAGS) -o $@ $(OBJS) $(B)/kallsyms.o $(LIBGCC)
	@$(NM) -n $(B)/pass1.elf | grep -i ' t ' > $(B)/pass1.syms
	@$(NM) -n $@ | grep -i ' t ' > $(B)/pass2.syms
	@cmp -s $(B)/pass1.syms $(B)/pass2.syms || { echo "kallsyms: text moved between link passes"; exit 1; }

run: all
	@if grep -q '^ok ' $(BUSYBOX)/status 2>/dev/null; then \
		echo "Userland: $$(sed 's/^ok //' $(BUSYBOX)/status); PID 1 is BusyBox init."; \
	else \
		echo "Userland: no BusyBox ($$(cat $(BUSYBOX)/status 2>/dev/null || echo 'not fetched')):"; \
		echo "PID 1 is Tasklab's own init (/sbin/tasklab-init) instead."; \
	fi
	@echo "Tasklab on the serial console: Ctrl-A X quits QEMU."
	$(QEMU) -m $(MEM) -cpu $(QEMU_CPU) -smp $(SMP) -display none -serial mon:stdio -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -kernel $(KERNEL) -append "$(ARGS)" \
		-initrd $(INITRAMFS) || [ $$? -eq 33 ]     # 33: the kernel powered off (monitor key r)

test: all iso
	@sh scripts/check-paths.sh
	@$(PYTHON) scripts/check-docs.py
	@sh scripts/check-fresh-build.sh
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --user-dir $(B)/user --iso $(B)/tasklab-test.iso --gdb-check --fuzz-seconds 60 --fuzz-seed 1
	@echo "One CPU with the lock checker off (as make bench: no lock does any work but the interrupt flag): the process, thread, file and scheduler suites"
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --append nolockdep --test 'jump_label,thread*,pipe*,futex*,wait*,signal*,fork*,exec*,glibc*,smp_paths,sched*,files*,tty*,mm*,shm' --no-harness-checks
	@echo "SMP: every suite with tasks on 4 CPUs; the smp and scheduler suites (claim c32) under goodness too and with nosmpsched (CPU 0 runs every task); those, the trace suite and the thread, futex, pthread, signal, shm, smp_paths, smp_counts and smp_files suites under multi-threaded TCG; with maxcpus=2; and with maxcpus=1 (one CPU of four: lock words patched out)"
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --smp 4 --expect-cpus 4 --timeout 240 --no-harness-checks
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --smp 4 --expect-cpus 4 --append sched=goodness --test 'smp,tlb,sched*' --no-harness-checks
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --smp 4 --expect-cpus 4 --append nosmpsched --test 'smp,tlb,sched*' --no-harness-checks
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --smp 4 --mttcg --expect-cpus 4 --test 'smp,tlb,sched*,trace,thread*,glibc*,signal*,shm,smp_paths,smp_counts,smp_files,smp_mm' --no-harness-checks
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --smp 4 --append maxcpus=2 --expect-cpus 2 --test smp,tlb --no-harness-checks
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --smp 4 --append maxcpus=1 --expect-cpus 1 --test smp,tlb,lockdep,jump_label --no-harness-checks

# The system-call fuzzer (user/bin/fuzz.c, judged by tests/fuzz.py): SECONDS
# of it after a 3 s warm-up, WORKERS workers, SEED (a random one when empty,
# printed so that the run can be replayed). SMP=N boots N CPUs (as make run), MTTCG=1
# runs them in parallel on the host, APPEND= adds kernel words (smpsched).
SECONDS ?= 60
WORKERS ?= 4
SEED    ?=
MTTCG   ?=
APPEND  ?=
fuzz: all
	@$(PYTHON) tests/fuzz.py --kernel $(KERNEL) --initrd $(INITRAMFS) --seconds $(SECONDS) \
		--workers $(WORKERS) $(if $(SEED),--seed $(SEED)) --smp $(SMP) $(if $(MTTCG),--mttcg) \
		$(if $(APPEND),--append '$(APPEND)')

# Benchmarks (include/kbench.h) under QEMU -icount: deterministic figures,
# one `bench: <name> <value> <unit>` line each. BENCH=<glob> picks some;
# BOOT=<words> adds boot words (BOOT=nosmpsched: the one-CPU figures of a
# kernel that keeps every task on CPU 0; the same as the default's).
BENCH ?= *
BOOT  ?=
bench: all
	@$(PYTHON) tests/bench.py --kernel $(KERNEL) --initrd $(INITRAMFS) --bench '$(BENCH)' --extra '$(BOOT)'

# Wall time under multi-threaded TCG (noisy: the host's load shows): two
# fork+exit+wait loops at once on -smp 2 against one after the other on
# -smp 1, RUNS boots each, timed by the guest's clock.
RUNS ?= 5
bench-wall: all
	@$(PYTHON) tests/bench.py --kernel $(KERNEL) --initrd $(INITRAMFS) --wall --runs $(RUNS)

iso: all
	@sh scripts/mkiso.sh $(KERNEL) $(ISO) "$(ARGS)"
	@sh scripts/mkiso.sh $(KERNEL) $(B)/tasklab-test.iso "test=boot.*"

run-iso: iso
	$(QEMU) -m $(MEM) -cpu $(QEMU_CPU) -display none -serial mon:stdio -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -cdrom $(ISO) || [ $$? -eq 33 ]

# Interactive: QEMU waits for gdb on a per-user port; gdb stops at start_kernel.
gdb: all
	@echo "QEMU waits for gdb on port $(GDBPORT); the serial console goes to $(B)/serial.log"
	@echo "(watch it with: tail -f $(B)/serial.log). Starting gdb with scripts/gdbinit."
	@$(QEMU) -m $(MEM) -cpu $(QEMU_CPU) -smp $(SMP) -display none -serial file:$(B)/serial.log -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-kernel $(KERNEL) -append "$(ARGS)" -initrd $(INITRAMFS) -S -gdb tcp:127.0.0.1:$(GDBPORT) </dev/null & \
	qemu=$$!; gdb -q -ex 'set $$tl_port = $(GDBPORT)' -x scripts/gdbinit $(KERNEL); \
	kill $$qemu 2>/dev/null; wait $$qemu 2>/dev/null; true

# Non-interactive form of `make gdb`: break at start_kernel, print bt, quit.
gdb-check: all
	$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --gdb-only

# Post-mortem (docs/debugging.md): /bin/$(PROG) runs on Tasklab with core dumps on, its
# core file comes back over COM2 as $(B)/$(PROG).core, and gdb shows where
# each thread stopped.
PROG ?= crash-threads
core: all
	@$(PYTHON) tests/run.py --kernel $(KERNEL) --initrd $(INITRAMFS) --user-dir $(B)/user --core '$(PROG)'

# Watch a command run (README: Watching it run): boot, trace CMD with the
# EVENTS groups on, and write $(B)/trace/trace.txt (ftrace's text),
# trace.json (Chrome trace format: Perfetto) and timeline.html (open it in
# a browser). The default is the seed's fork-versus-thread experiment,
# user/glibc/forkbench.c, at 10 rounds: a picture small enough to read.
# TYPED=1 traces the typing of the command line too (kttyd, a kernel thread).
CMD    ?= forkbench 10
EVENTS ?= sched
TYPED  ?=
trace: all
	@$(PYTHON) scripts/trace/collect.py --kernel $(KERNEL) --initrd $(INITRAMFS) \
		--cmd '$(CMD)' --events '$(EVENTS)' --append '$(ARGS)' --out $(B)/trace $(if $(TYPED),--typed)

clean:
	rm -rf $(B)

# A change of flags in this file rebuilds everything.
$(OBJS): Makefile

-include $(OBJS:.o=.d)
endif
