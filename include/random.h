/* include/random.h: random bytes for AT_RANDOM and getrandom (kernel/random.c). */
#ifndef TASKLAB_RANDOM_H
#define TASKLAB_RANDOM_H

#include <types.h>

void get_random_bytes(void *buf, size_t n);

#endif
