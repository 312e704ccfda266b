/* tests/fs_helpers.h: helpers shared by the filesystem self-tests
 * (tests/fs_helpers.c). */
#ifndef TASKLAB_TESTS_FS_HELPERS_H
#define TASKLAB_TESTS_FS_HELPERS_H

#include <fs.h>

/* A regular file `name` in dir holding data[0..n); its dentry, or NULL. */
struct dentry *ktest_make_file(struct dentry *dir, const char *name, const void *data, size_t n);
/* The whole of a file into buf (at most size bytes); bytes read or -errno. */
ssize_t ktest_read_file(struct dentry *root, const char *path, void *buf, size_t size);

#endif
