/* user/include/sys/stat.h: file mode bits. */
#ifndef _TL_SYS_STAT_H
#define _TL_SYS_STAT_H

#include <sys/types.h>
#include <linux/stat.h>

#endif
