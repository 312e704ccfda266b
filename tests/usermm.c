/* tests/usermm.c: the file-and-address-space fixture of tests/usermm.h,
 * for the self-tests that map ramfs files (tests/test_usermm.c,
 * tests/test_shm.c). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include "fs_helpers.h"
#include "usermm.h"

bool file_mm_start(struct file_mm *fx, const void *data, size_t n, unsigned int flags)
{
	struct dentry *d;

	fx->f = NULL;
	fx->mm = NULL;
	fx->root = ramfs_new_root();
	d = fx->root ? ktest_make_file(fx->root, "data", data, n) : NULL;
	fx->f = d ? dentry_open(d, flags) : NULL;
	if (IS_ERR(fx->f))
		fx->f = NULL;
	if (fx->f)
		fx->mm = enter_new_mm();
	return fx->mm != NULL;
}

void file_mm_done(struct file_mm *fx)
{
	if (fx->mm)
		leave_test_mm(fx->mm);
	if (fx->f)
		fput(fx->f);
	if (fx->root)
		ramfs_kill_tree(fx->root);
}
