/* fs/binfmt_script.c: exec of a script that starts with "#!", as Linux's
 * load_script. The first line names an interpreter and at most one
 * argument: "#! /bin/sh -x -e\n" runs /bin/sh with the single argument
 * "-x -e" (everything after the blanks that end the name, trailing blanks
 * cut). The new argv is: the interpreter, its argument if any, the script's
 * path (replacing the caller's argv[0]), then the caller's argv[1..].
 *
 * Only the first BINPRM_BUF_SIZE (256) bytes are read. A line that does not
 * end within them is taken only if the interpreter's name does (a blank or
 * NUL follows it there): the argument may be cut, the name never. No name
 * at all, or a name that may be cut, is -ENOEXEC. fs/exec.c follows the
 * interpreter, which may be a script itself, up to Linux's depth (ELOOP
 * past it). */
#include <kernel.h>
#include <binfmts.h>
#include <errno.h>
#include <fs.h>

static bool spacetab(char c)
{
	return c == ' ' || c == '\t';
}

/* The first byte in [first, last] that is not a blank, or NULL. */
static const char *next_non_spacetab(const char *first, const char *last)
{
	for (; first <= last; first++)
		if (!spacetab(*first))
			return first;
	return NULL;
}

/* The first blank or NUL in [first, last], or NULL. */
static const char *next_terminator(const char *first, const char *last)
{
	for (; first <= last; first++)
		if (spacetab(*first) || !*first)
			return first;
	return NULL;
}

/* Where the interpreter line ends in buf (its '\n', or the buffer's last
 * byte when the name is whole without one); NULL for -ENOEXEC. */
static char *line_end(char *buf)
{
	char *buf_end = buf + BINPRM_BUF_SIZE - 1;
	const char *name;

	for (char *p = buf; p <= buf_end; p++)
		if (*p == '\n')
			return p;
	name = next_non_spacetab(buf + 2, buf_end);
	if (!name || !next_terminator(name, buf_end))
		return NULL;                     /* all blanks, or the name may be cut */
	return buf_end;
}

bool file_is_script(struct file *f)
{
	char magic[2];
	loff_t pos = 0;

	return kernel_read(f, magic, 2, &pos) == 2 && magic[0] == '#' && magic[1] == '!';
}

int load_script(struct file *f, const char *path, struct exec_args *a, char *interp)
{
	char buf[BINPRM_BUF_SIZE] = "";
	const char *name, *sep, *arg = NULL, *front[3];
	char *end;
	loff_t pos = 0;
	ssize_t n = kernel_read(f, buf, sizeof(buf), &pos);
	int nfront = 0, err;

	if (n < 0)
		return n;
	if (n < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;                        /* not a script */
	if (!(end = line_end(buf)))
		return -ENOEXEC;
	while (end > buf + 2 && spacetab(end[-1]))
		end--;
	name = next_non_spacetab(buf + 2, end);
	if (!name || name == end)
		return -ENOEXEC;                 /* no interpreter named */
	sep = next_terminator(name, end);
	if (sep && *sep)
		arg = next_non_spacetab(sep, end);
	*end = '\0';
	if (sep)
		*(char *)sep = '\0';
	front[nfront++] = name;
	if (arg && arg < end)
		front[nfront++] = arg;
	front[nfront++] = path;
	if ((err = exec_args_replace_arg0(a, front, nfront)))
		return err;
	strlcpy(interp, name, BINPRM_BUF_SIZE);
	return 1;
}
