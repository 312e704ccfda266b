/* user/include/unistd.h: the system call wrappers (user/lib/syscalls.c). Each
 * returns what Linux returns, or -1 with errno set. */
#ifndef _TL_UNISTD_H
#define _TL_UNISTD_H

#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#include <linux/fcntl.h>  /* SEEK_SET, SEEK_CUR, SEEK_END */
#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

extern char **environ;

void _exit(int status) __attribute__((noreturn));
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int pipe(int fds[2]);
int dup(int fd);
int dup2(int fd, int to);
pid_t fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);                 /* the 32-bit id calls (user/lib/resource.c) */
int setgid(gid_t gid);
int setreuid(uid_t ruid, uid_t euid);
int setregid(gid_t rgid, gid_t egid);
int setresuid(uid_t ruid, uid_t euid, uid_t suid);
int setresgid(gid_t rgid, gid_t egid, gid_t sgid);
int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid);
int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
ssize_t readlink(const char *path, char *buf, size_t size);
int access(const char *path, int mode);
int unlink(const char *path);
int rmdir(const char *path);
int brk(void *addr);
void *sbrk(long increment);
int sched_yield(void);
unsigned int sleep(unsigned int seconds);
/* user/lib/files.c */
int link(const char *old, const char *new);
int linkat(int olddirfd, const char *old, int newdirfd, const char *new, int flags);
int symlink(const char *target, const char *path);
int symlinkat(const char *target, int dirfd, const char *path);
ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size);
int unlinkat(int dirfd, const char *path, int flags);
int chown(const char *path, uid_t uid, gid_t gid);     /* the 32-bit id calls */
int fchown(int fd, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
int truncate(const char *path, off_t length);
int ftruncate(int fd, off_t length);
int truncate64(const char *path, long long length);
int ftruncate64(int fd, long long length);
int fsync(int fd);
int fdatasync(int fd);
void sync(void);
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset);
ssize_t pread64(int fd, void *buf, size_t n, long long offset);
ssize_t pwrite64(int fd, const void *buf, size_t n, long long offset);
int dup3(int fd, int to, int flags);
int fchdir(int fd);
int faccessat(int dirfd, const char *path, int mode, int flags);   /* faccessat2 */
/* Is fd a terminal (TCGETS works; user/lib/tty.c)? 1, or 0 with errno. */
int isatty(int fd);
unsigned int alarm(unsigned int seconds);
/* The system call: 0 or -1 (glibc's nice returns the new value). */
int nice(int inc);
/* The system's calls (user/lib/system.c; setgroups: grp.h). */
int getgroups(int size, gid_t list[]);
int sethostname(const char *name, size_t len);
int setdomainname(const char *name, size_t len);

#endif
