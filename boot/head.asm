; boot/head.asm: the multiboot v1 header and the first instructions of Tasklab.
; The loader (GRUB or QEMU -kernel) enters _start in 32-bit protected mode with
; paging off, eax = multiboot magic, ebx = physical address of the multiboot
; info. _start is linked at its physical address (section .head.text); it
; builds the boot page directory (swapper_pg_dir) with 4 MiB pages that map
; physical 0..896 MiB at 0xC0000000 and, for a moment, the first 4 MiB at 0 too
; (the identity alias the next instruction fetch still needs), turns paging on
; and jumps to startup_higher_half (boot/higher_half.asm), which drops the
; alias and calls start_kernel(magic, info) on init_task's stack. Higher-half
; symbols are used through V2P until paging is on. Only code linked at
; physical addresses belongs here (boot/higher_half.asm says why).

%include "layout.inc"                ; generated from the C headers (arch/i386/asm-offsets.c)

MB_CHECKSUM equ -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

%define V2P(x) ((x) - PAGE_OFFSET)

section .multiboot progbits alloc noexec nowrite align=4
align 4
    dd MULTIBOOT_HEADER_MAGIC
    dd MULTIBOOT_HEADER_FLAGS           ; modules page aligned, memory map wanted
    dd MB_CHECKSUM

section .head.text progbits alloc exec nowrite align=16
global _start
extern swapper_pg_dir, startup_higher_half
_start:
    cli
    cld
    mov esi, eax                    ; keep the multiboot magic and info pointer
    mov edi, ebx

    ; Fill the direct map: PDE[768 + i] -> physical i * 4 MiB, global, writable.
    xor ecx, ecx
.fill:
    mov eax, ecx
    shl eax, PGDIR_SHIFT
    or eax, PDE_4M_KERNEL
    mov [V2P(swapper_pg_dir) + (PAGE_OFFSET >> PGDIR_SHIFT) * 4 + ecx * 4], eax
    inc ecx
    cmp ecx, LOWMEM_PDES
    jb .fill
    ; Identity alias of the first 4 MiB, so the fetch after "mov cr0" still works.
    mov dword [V2P(swapper_pg_dir)], PDE_4M_KERNEL & ~PDE_GLOBAL

    mov eax, cr4
    or eax, CR4_PSE | CR4_PGE
    mov cr4, eax
    mov eax, V2P(swapper_pg_dir)
    mov cr3, eax
    mov eax, cr0
    or eax, CR0_PG | CR0_WP
    mov cr0, eax
    mov eax, startup_higher_half
    jmp eax                         ; from here on we run at 0xC01xxxxx

section .note.GNU-stack noalloc noexec nowrite progbits
