; arch/i386/setjmp.asm: ksetjmp/klongjmp, used to get back from a deliberate
; fault or a failed assertion in a self-test. The buffer holds the callee-saved
; registers, esp, the return address and eflags (struct kjmp_buf, whose
; offsets come from arch/i386/asm-offsets.c).

%include "layout.inc"

section .text
global ksetjmp, klongjmp

; int ksetjmp(struct kjmp_buf *env): returns 0 now, and val later.
ksetjmp:
    mov eax, [esp + 4]
    mov [eax + KJMP_EBX], ebx
    mov [eax + KJMP_ESI], esi
    mov [eax + KJMP_EDI], edi
    mov [eax + KJMP_EBP], ebp
    lea ecx, [esp + 4]              ; esp as it will be after our ret
    mov [eax + KJMP_ESP], ecx
    mov ecx, [esp]                  ; return address
    mov [eax + KJMP_EIP], ecx
    pushfd
    pop ecx
    mov [eax + KJMP_EFLAGS], ecx
    xor eax, eax
    ret

; void klongjmp(struct kjmp_buf *env, int val): resume after ksetjmp with val.
klongjmp:
    mov edx, [esp + 4]
    mov eax, [esp + 8]
    mov ebx, [edx + KJMP_EBX]
    mov esi, [edx + KJMP_ESI]
    mov edi, [edx + KJMP_EDI]
    mov ebp, [edx + KJMP_EBP]
    mov esp, [edx + KJMP_ESP]
    push dword [edx + KJMP_EFLAGS]
    popfd                           ; restores the interrupt flag too
    jmp [edx + KJMP_EIP]

section .note.GNU-stack noalloc noexec nowrite progbits
