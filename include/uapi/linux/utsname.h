/* include/uapi/linux/utsname.h: what uname(122) fills in (Linux's
 * new_utsname: six fields of 65 bytes). */
#ifndef TASKLAB_UAPI_UTSNAME_H
#define TASKLAB_UAPI_UTSNAME_H

#define __NEW_UTS_LEN 64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

#endif
