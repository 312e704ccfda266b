# user/user.mk (included by the Makefile): Tasklab's user programs and the
# initramfs that carries them. User code never sees the kernel's CFLAGS or
# headers: it is built freestanding against user/include (our libc) and
# include/uapi (the ABI numbers the kernel shares), then linked static with
# no C library but ours (user/lib -> build/user/libtl.a). The kernel's
# lib/string.c, lib/vsprintf.c and lib/ktap_format.c (UKLIB) are compiled a
# second time into that libc.
# Programs in user/glibc/ are ordinary C built with the cross glibc.
# Only the inner make reads this file, after the tool step (see the
# Makefile's head), so the compiler probed below is already installed.

UCFLAGS  := -std=gnu11 -m32 -march=i686 -ffreestanding -fno-pic -fno-pie \
            -fno-stack-protector -fno-omit-frame-pointer -fno-strict-aliasing -fno-common \
            -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter \
            -nostdinc -isystem $(shell $(CC) -print-file-name=include) -MMD -MP
ULDFLAGS := -m32 -static -nostdlib -no-pie -Wl,--build-id=none -Wl,-z,noexecstack

ULIB_C    := $(filter-out user/lib/crt0.c,$(sort $(wildcard user/lib/*.c)))
UKLIB     := string vsprintf ktap_format
ULIB_OBJS := $(patsubst %.c,$(B)/%.o,$(ULIB_C)) $(UKLIB:%=$(B)/user/klib/%.o)
UCRT0     := $(B)/user/lib/crt0.o
ULIB      := $(B)/user/libtl.a
UPROGS    := $(patsubst user/bin/%.c,$(B)/user/bin/%,$(sort $(wildcard user/bin/*.c)))
UGLIBC    := $(patsubst user/glibc/%.c,$(B)/user/glibc/%,$(sort $(wildcard user/glibc/*.c)))
# /bin/fuzz is user/bin/fuzz.c and the fuzzer's parts, user/fuzz/*.c.
UFUZZ_OBJS := $(patsubst %.c,$(B)/%.o,$(sort $(wildcard user/fuzz/*.c)))
UOBJS     := $(UCRT0) $(ULIB_OBJS) $(UPROGS:%=%.o) $(UFUZZ_OBJS)
INITRAMFS := $(B)/initramfs.cpio

.PHONY: user initramfs
user: $(UPROGS) $(UGLIBC)
initramfs: $(INITRAMFS)

$(UCRT0) $(patsubst %.c,$(B)/%.o,$(ULIB_C)) $(UPROGS:%=%.o) $(UFUZZ_OBJS): $(B)/user/%.o: user/%.c
	@mkdir -p $(dir $@)
	@echo "  UCC     $<"
	@$(CC) $(UCFLAGS) -Iuser/include -Iinclude/uapi -c $< -o $@

# Kernel library code reused in user space: it needs only the declarations in
# the kernel's headers (types.h, string.h, kallsyms.h); user/lib/symbols.c
# stands in for kallsyms.
$(B)/user/klib/%.o: lib/%.c
	@mkdir -p $(dir $@)
	@echo "  UCC     $< (for user space)"
	@$(CC) $(UCFLAGS) -Iinclude -c $< -o $@

$(ULIB): $(ULIB_OBJS)
	@echo "  AR      $@"
	@rm -f $@ && $(CROSS)ar rcs $@ $^

$(UPROGS): $(B)/user/bin/%: $(B)/user/bin/%.o $(UCRT0) $(ULIB)
	@echo "  ULD     $@"
	@$(CC) $(ULDFLAGS) -o $@ $(UCRT0) $< $(UEXTRA) $(ULIB) $(LIBGCC)

$(B)/user/bin/fuzz: $(UFUZZ_OBJS)
$(B)/user/bin/fuzz: UEXTRA := $(UFUZZ_OBJS)

# The programs that use threads are built with -pthread, as a user would
# build them (glibc 2.34+ has pthreads in libc.a, but -pthread is the
# documented way and also defines _REENTRANT).
UGLIBC_PTHREAD := $(filter $(B)/user/glibc/pthread-% $(B)/user/glibc/forkbench \
                           $(B)/user/glibc/bench-threads $(B)/user/glibc/crash-threads,$(UGLIBC))
$(UGLIBC_PTHREAD): UGLIBC_FLAGS := -pthread

$(UGLIBC): $(B)/user/glibc/%: user/glibc/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $< (glibc, static$(UGLIBC_FLAGS:%=, %))"
	@mkdir -p $(B)/user/glibc-deps
	@$(CC) -static $(UGLIBC_FLAGS) -O2 -g -Wall -Wextra -Werror \
		-MMD -MP -MF $(B)/user/glibc-deps/$*.d -o $@ $<

# Our init first (/sbin/tasklab-init), then every other program into /bin;
# BusyBox's binary and applet links when the tool step fetched it
# (scripts/fetch-busybox.sh writes $(BUSYBOX)/status, only when it changes).
BUSYBOX := $(B)/busybox
$(INITRAMFS): $(UPROGS) $(UGLIBC) $(shell find user/rootfs user/rootfs-busybox -type f) \
              $(wildcard $(BUSYBOX)/status) scripts/mkinitramfs.sh
	@sh scripts/mkinitramfs.sh $@ $(B)/initramfs.d $(OBJCOPY) $(BUSYBOX) \
		$(B)/user/bin/init $(filter-out $(B)/user/bin/init,$(UPROGS)) $(UGLIBC)

$(UOBJS) $(UGLIBC): user/user.mk

-include $(UOBJS:.o=.d) $(UKLIB:%=$(B)/user/klib/%.d) $(UGLIBC:$(B)/user/glibc/%=$(B)/user/glibc-deps/%.d)
