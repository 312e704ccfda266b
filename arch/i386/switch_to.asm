; arch/i386/switch_to.asm: the context switch itself, and where a new task
; starts (seed claim c26). Everything else about a switch (address space, FPU,
; TSS.esp0) is done in C before we get here (kernel/sched/core.c, process.c).
;
; A switched-out task is frozen inside switch_to_asm: its callee-saved
; registers are on its own kernel stack, and thread.esp / thread.eip say where
; that stack and the resume point are. Restarting it is loading that esp and
; jumping to that eip. The caller-saved registers need no saving: by the C
; calling convention the caller of switch_to_asm already assumes they die.

%include "layout.inc"                ; THREAD_ESP, THREAD_EIP: offsets in struct thread_struct

extern schedule_tail, do_exit, ret_from_trap

section .text

; struct task_struct *switch_to_asm(struct thread_struct *prev,
;                                   struct thread_struct *next,
;                                   struct task_struct *last)
; regparm(3), as Linux's i386 switch: prev in eax, next in edx, last in ecx.
; Returns (in the task being resumed) `last` as passed by whoever switched to
; it: the task that ran before, which finish_task_switch() may now release.
global switch_to_asm
switch_to_asm:
    xchg eax, ecx                   ; ecx = prev's thread_struct, eax = the task we
                                    ; leave (handed to next); edx = next's
    ; 1. save prev's callee-saved registers on prev's stack
    push ebp
    push ebx
    push esi
    push edi
    ; 2. remember prev's stack pointer and where it will resume
    mov [ecx + THREAD_ESP], esp
    mov dword [ecx + THREAD_EIP], .resume
    ; 3. switch stacks: from here on we are on next's kernel stack
    mov esp, [edx + THREAD_ESP]
    ; 4. jump to next's resume point: .resume below, or ret_from_fork
    jmp [edx + THREAD_EIP]
.resume:
    ; 5. a task switched out above continues here, on its own stack
    pop edi
    pop esi
    pop ebx
    pop ebp
    ret                             ; eax = the task that ran before us

; A new task's first instructions. copy_thread() left a struct pt_regs at the
; top of its stack and thread.esp pointing at it; eax is the previous task.
; After finishing the switch we leave through the normal trap exit, whose iret
; "returns" to wherever the pt_regs say.
global ret_from_fork
ret_from_fork:
    push eax
    call schedule_tail              ; finish_task_switch(prev); iret turns IF on
    add esp, 4
    jmp ret_from_trap

; Where a kernel thread's iret lands: ebx = fn, edx = arg (set by
; kernel_thread). ebp is 0, so backtraces stop here.
global kernel_thread_helper
kernel_thread_helper:
    push edx
    call ebx                        ; eax = fn(arg)
    push eax
    call do_exit                    ; never returns

section .note.GNU-stack noalloc noexec nowrite progbits
