/* user/include/signal.h: signal numbers and kill(). */
#ifndef _TL_SIGNAL_H
#define _TL_SIGNAL_H

#include <sys/types.h>
#include <linux/signal.h>

int kill(pid_t pid, int sig);

#endif
