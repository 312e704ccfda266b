; arch/i386/setjmp.asm: ksetjmp/klongjmp, used to get back from a deliberate
; fault or a failed assertion in a self-test. The buffer holds the callee-saved
; registers, esp, the return address and eflags (struct kjmp_buf).

section .text
global ksetjmp, klongjmp

; int ksetjmp(struct kjmp_buf *env): returns 0 now, and val later.
ksetjmp:
    mov eax, [esp + 4]
    mov [eax + 0], ebx
    mov [eax + 4], esi
    mov [eax + 8], edi
    mov [eax + 12], ebp
    lea ecx, [esp + 4]              ; esp as it will be after our ret
    mov [eax + 16], ecx
    mov ecx, [esp]                  ; return address
    mov [eax + 20], ecx
    pushfd
    pop ecx
    mov [eax + 24], ecx
    xor eax, eax
    ret

; void klongjmp(struct kjmp_buf *env, int val): resume after ksetjmp with val.
klongjmp:
    mov edx, [esp + 4]
    mov eax, [esp + 8]
    mov ebx, [edx + 0]
    mov esi, [edx + 4]
    mov edi, [edx + 8]
    mov ebp, [edx + 12]
    mov esp, [edx + 16]
    push dword [edx + 24]
    popfd                           ; restores the interrupt flag too
    jmp [edx + 20]

section .note.GNU-stack noalloc noexec nowrite progbits
