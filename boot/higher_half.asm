; boot/higher_half.asm: the first instructions that run at the kernel's own
; (0xC01xxxxx) addresses. boot/head.asm jumps here right after it turns paging
; on, with esi = multiboot magic and edi = physical address of the multiboot
; info. startup_higher_half drops the identity alias of the first 4 MiB,
; switches to init_task's stack (init_thread_union) and calls
; start_kernel(magic, info), which never returns. It is a file of its own
; because NASM's debug info gives a file's code one address range: kept with
; head.asm's code (linked at physical addresses) it made gdb's backtraces
; through here print "pc ... in read in CU, but not in symtab".

%include "layout.inc"

section .text
global startup_higher_half
extern swapper_pg_dir, init_thread_union, start_kernel
startup_higher_half:
    mov dword [swapper_pg_dir], 0   ; drop the identity alias
    mov eax, cr3
    mov cr3, eax
    mov esp, init_thread_union + THREAD_SIZE
    xor ebp, ebp                    ; the backtrace stops here
    push edi                        ; multiboot info (physical)
    push esi                        ; multiboot magic
    call start_kernel
.halt:
    cli
    hlt
    jmp .halt

section .note.GNU-stack noalloc noexec nowrite progbits
