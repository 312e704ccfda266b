/* include/uapi/linux/prctl.h: the prctl options Tasklab answers
 * (kernel/sys_prctl.c), Linux's numbers; any other option is EINVAL. */
#ifndef TASKLAB_UAPI_PRCTL_H
#define TASKLAB_UAPI_PRCTL_H

#define PR_SET_PDEATHSIG         1        /* signal when the parent thread exits */
#define PR_GET_PDEATHSIG         2
#define PR_GET_DUMPABLE          3
#define PR_SET_DUMPABLE          4        /* 0 or 1 */
#define PR_SET_NAME             15        /* comm: 15 bytes and a NUL */
#define PR_GET_NAME             16
#define PR_SET_CHILD_SUBREAPER  36        /* orphans below come to us */
#define PR_GET_CHILD_SUBREAPER  37
#define PR_SET_NO_NEW_PRIVS     38        /* for good: exec gains no privilege */
#define PR_GET_NO_NEW_PRIVS     39

#define SUID_DUMP_DISABLE 0
#define SUID_DUMP_USER    1

#endif
