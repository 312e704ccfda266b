; arch/i386/trampoline.asm: where another CPU starts (Linux's trampoline.S
; and head.S's startup_32_smp in one). The blob between trampoline_start and
; trampoline_end is copied by arch/i386/smpboot.c to the page at
; TRAMPOLINE_PHYS (below 1 MiB, 4 KiB aligned: a STARTUP IPI can only name
; such a page, by its number) and the AP starts there in real mode at
; CS = TRAMPOLINE_PHYS >> 4, IP 0. It loads a flat GDT of its own, turns
; protection on, then (32-bit) paging with swapper_pg_dir, whose first 4 MiB
; are mapped at 0 for the moment (smpboot.c) so that the next fetch still
; works, and jumps to startup_secondary at its higher-half address, on the
; stack of its idle task. Every address in the blob is relative to
; trampoline_start (the blob runs away from where it was linked); the
; fields at the end are filled by smpboot.c for each CPU it starts.

%include "layout.inc"

%define TR(x) (TRAMPOLINE_PHYS + (x) - trampoline_start)

section .rodata
align 16
global trampoline_start, trampoline_end
global trampoline_cr3, trampoline_cr4, trampoline_stack, trampoline_entry
bits 16
trampoline_start:
    cli
    cld
    mov ax, cs                      ; TRAMPOLINE_PHYS >> 4
    mov ds, ax
    lgdt [tr_gdt_desc - trampoline_start]
    mov eax, cr0
    or eax, 1                       ; PE
    mov cr0, eax
    jmp dword 0x08:TR(tr_protected)

bits 32
tr_protected:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    xor ax, ax
    mov fs, ax
    mov gs, ax
    mov eax, [TR(trampoline_cr4)]   ; CPU 0's CR4 without PGE: PSE for the
    mov cr4, eax                    ; 4 MiB pages, SMEP/SMAP as on CPU 0
    mov eax, [TR(trampoline_cr3)]
    mov cr3, eax
    mov eax, cr0
    or eax, CR0_PG | CR0_WP
    mov cr0, eax
    mov esp, [TR(trampoline_stack)] ; the idle task's stack top (virtual)
    mov eax, [TR(trampoline_entry)] ; startup_secondary, in the higher half
    jmp eax

align 8
tr_gdt:
    dq 0
    dq 0x00CF9A000000FFFF           ; 0x08: flat 4 GiB code, 32-bit
    dq 0x00CF92000000FFFF           ; 0x10: flat 4 GiB data
tr_gdt_desc:
    dw tr_gdt_desc - tr_gdt - 1
    dd TR(tr_gdt)
align 4
trampoline_cr3:   dd 0
trampoline_cr4:   dd 0
trampoline_stack: dd 0
trampoline_entry: dd 0
trampoline_end:

; The AP's first instructions at its own addresses: the per-CPU tables and
; the rest of its start are C (start_secondary, which never returns).
section .text
global startup_secondary
extern start_secondary
startup_secondary:
    xor ebp, ebp                    ; the backtrace stops here
    call start_secondary
.halt:
    cli
    hlt
    jmp .halt

section .note.GNU-stack noalloc noexec nowrite progbits
