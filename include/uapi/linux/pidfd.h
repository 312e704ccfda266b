/* include/uapi/linux/pidfd.h: pidfd_open's flag, Linux's value, shared by
 * the kernel and user space: the pidfd is O_NONBLOCK, so waitid(P_PIDFD)
 * on it does not sleep (WNOHANG). */
#ifndef TASKLAB_UAPI_LINUX_PIDFD_H
#define TASKLAB_UAPI_LINUX_PIDFD_H

#define PIDFD_NONBLOCK 00004000          /* O_NONBLOCK */

#endif
