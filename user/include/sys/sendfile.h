/* user/include/sys/sendfile.h: copying between files in the kernel. */
#ifndef _TL_SYS_SENDFILE_H
#define _TL_SYS_SENDFILE_H

#include <sys/types.h>

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count);           /* 187 */
ssize_t sendfile64(int out_fd, int in_fd, long long *offset, size_t count);     /* 239 */

#endif
