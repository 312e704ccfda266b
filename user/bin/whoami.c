/* user/bin/whoami.c: print the ids this process runs with, in one line:
 *
 *   uid=1000 euid=0 suid=0 gid=1000 egid=1000 sgid=1000 secure=1
 *
 * (real, effective and saved uid and gid, and the auxiliary vector's
 * AT_SECURE). The initramfs also carries it as /bin/whoami-suid (mode
 * 4755, root's) and /bin/whoami-sgid (2755, group root), so that running
 * those as an ordinary user shows what exec of a set-user-ID or
 * set-group-ID program does: the effective and saved ids become the
 * file's owner or group, the real ones stay the caller's, and the
 * program is told it runs "secure". */
#include <stdio.h>
#include <unistd.h>
#include <sys/auxv.h>

int main(void)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (getresuid(&r, &e, &s) || getresgid(&rg, &eg, &sg)) {
		perror("whoami: getresuid");
		return 1;
	}
	printf("uid=%u euid=%u suid=%u gid=%u egid=%u sgid=%u secure=%lu\n",
	       r, e, s, rg, eg, sg, getauxval(AT_SECURE));
	return 0;
}
