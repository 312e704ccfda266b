; arch/i386/entry.asm: the one way into the kernel.
; Every exception (0-31), hardware interrupt (32-47), local APIC interrupt
; (timer, IPIs: 0xEF-0xFF) and int $0x80 enters via a
; small stub that makes the stack uniform (an error code word, then the vector)
; and jumps to common_entry, which saves the rest of struct pt_regs
; (include/asm/ptrace.h), loads the kernel data segments, clears EFLAGS.AC
; when SMAP is on (include/asm/smap.h: kernel code never runs with it, even
; when a user program set it or the trap hit a uaccess window; the iret
; restores the saved flags) and calls do_trap_entry(regs). ret_from_trap restores everything and irets; it is also
; where a new task will start (ret_from_fork) and how we enter user mode.

%include "layout.inc"

extern do_trap_entry, smap_enabled

section .text

; One stub per vector. Where the CPU pushes no error code (all but 8, 10-14,
; 17 and 21) the stub pushes 0 in its place, so every frame has the same shape.
%assign v 0
%rep NR_TRAP_STUBS
stub_%[v]:
  %if !(v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21)
    push 0
  %endif
    push v
    jmp common_entry
  %assign v v + 1
%endrep

; The local APIC's vectors (include/asm/irq.h): timer, IPIs, error, spurious.
; Same frame as an IRQ: no error code, so 0 in its place.
%macro SYSTEM_VECTOR_STUB 1
sysvec_%1:
    push 0
    push %1
    jmp common_entry
%endmacro
SYSTEM_VECTOR_STUB LOCAL_TIMER_VECTOR
SYSTEM_VECTOR_STUB CALL_FUNCTION_VECTOR
SYSTEM_VECTOR_STUB RESCHEDULE_VECTOR
SYSTEM_VECTOR_STUB INVALIDATE_TLB_VECTOR
SYSTEM_VECTOR_STUB ERROR_APIC_VECTOR
SYSTEM_VECTOR_STUB SPURIOUS_APIC_VECTOR

; int $0x80: orig_eax = the system call number.
global system_call_stub
system_call_stub:
    push eax
    push SYSCALL_VECTOR
    jmp common_entry

common_entry:
    cld
    push gs
    push fs
    push es
    push ds
    push eax
    push ebp
    push edi
    push esi
    push edx
    push ecx
    push ebx
    mov ax, __KERNEL_DS
    mov ds, ax
    mov es, ax
    cmp byte [smap_enabled], 0      ; clac is an invalid opcode without SMAP
    je .ac_clear
    clac
.ac_clear:
    push esp                        ; struct pt_regs *regs
    call do_trap_entry
    add esp, 4
global ret_from_trap
ret_from_trap:
    pop ebx
    pop ecx
    pop edx
    pop esi
    pop edi
    pop ebp
    pop eax
global ret_from_trap_segs
ret_from_trap_segs:
rft_pop_ds:
    pop ds
rft_pop_es:
    pop es
rft_pop_fs:
    pop fs
rft_pop_gs:
    pop gs
global ret_from_trap_segs_end
ret_from_trap_segs_end:
    add esp, 8                      ; trapno, orig_eax / error code
    iret

; A saved user selector can have gone stale while the task was in the
; kernel (set_thread_area emptied the TLS descriptor it names): popping it
; faults (#GP) in kernel mode. As in Linux, the exception table sends the
; fault here, which puts the null selector in the slot and pops again, so
; the task returns with that segment register 0 instead of oopsing
; (do_exception also nulls fs and gs in the fault's own frame: they hold
; the same stale selector, the kernel never reloading them).
rft_bad_ds:
    mov dword [esp], 0
    jmp rft_pop_ds
rft_bad_es:
    mov dword [esp], 0
    jmp rft_pop_es
rft_bad_fs:
    mov dword [esp], 0
    jmp rft_pop_fs
rft_bad_gs:
    mov dword [esp], 0
    jmp rft_pop_gs

section __ex_table progbits alloc noexec nowrite align=4
    dd rft_pop_ds, rft_bad_ds
    dd rft_pop_es, rft_bad_es
    dd rft_pop_fs, rft_bad_fs
    dd rft_pop_gs, rft_bad_gs

; The table of stub addresses that idt_init() installs.
section .rodata
global trap_stubs
trap_stubs:
%assign v 0
%rep NR_TRAP_STUBS
    dd stub_%[v]
  %assign v v + 1
%endrep

; (vector, stub) pairs for the local APIC's vectors, ended by a 0 vector.
global system_vector_stubs
system_vector_stubs:
%macro SYSTEM_VECTOR_ENTRY 1
    dd %1, sysvec_%1
%endmacro
    SYSTEM_VECTOR_ENTRY LOCAL_TIMER_VECTOR
    SYSTEM_VECTOR_ENTRY CALL_FUNCTION_VECTOR
    SYSTEM_VECTOR_ENTRY RESCHEDULE_VECTOR
    SYSTEM_VECTOR_ENTRY INVALIDATE_TLB_VECTOR
    SYSTEM_VECTOR_ENTRY ERROR_APIC_VECTOR
    SYSTEM_VECTOR_ENTRY SPURIOUS_APIC_VECTOR
    dd 0, 0

section .note.GNU-stack noalloc noexec nowrite progbits
