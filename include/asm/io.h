/* include/asm/io.h: x86 port I/O and the few privileged instructions that C code
 * needs. Only arch/i386/ and drivers include this. */
#ifndef TASKLAB_ASM_IO_H
#define TASKLAB_ASM_IO_H

#include <types.h>

static inline void outb(u16 port, u8 v) { __asm__ __volatile__("outb %0, %1" :: "a"(v), "Nd"(port)); }
static inline void outl(u16 port, u32 v) { __asm__ __volatile__("outl %0, %1" :: "a"(v), "Nd"(port)); }
static inline u8 inb(u16 port) { u8 v; __asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port)); return v; }
static inline void io_delay(void) { outb(0x80, 0); }

#endif
