/* kernel/params.c: parsing the kernel command line.
 * QEMU's -kernel puts the image's file name before the arguments; GRUB does
 * not. A first word that looks like a path (has a '/' or ends in .elf, and no
 * '=') is taken to be that name and skipped. */
#include <kernel.h>
#include <errno.h>
#include <params.h>

extern const struct kernel_param __kernel_params_start[], __kernel_params_end[];
int cmdline_unknown_words;

static bool looks_like_image_name(const char *w)
{
	size_t n = strlen(w);

	if (strchr(w, '='))
		return false;
	return strchr(w, '/') || (n > 4 && !strcmp(w + n - 4, ".elf"));
}

/* Copy one word starting at *p into buf, honouring double quotes; returns the
 * length the word has, which may exceed size - 1 (then it was cut). */
static size_t next_word(const char **p, char *buf, size_t size)
{
	const char *s = *p;
	bool quoted = false;
	size_t n = 0;

	for (; *s && (quoted || (*s != ' ' && *s != '\t' && *s != '\n')); s++) {
		if (*s == '"') {
			quoted = !quoted;
			continue;
		}
		if (n + 1 < size)
			buf[n] = *s;
		n++;
	}
	buf[n < size ? n : size - 1] = '\0';
	*p = s;
	return n;
}

int parse_cmdline(const char *cmdline, int (*fn)(const char *, const char *, void *), void *arg)
{
	char word[CMDLINE_MAX_WORD];
	int count = 0, err = 0;
	bool first = true;

	while (*cmdline) {
		while (*cmdline == ' ' || *cmdline == '\t' || *cmdline == '\n')
			cmdline++;
		if (!*cmdline)
			break;
		if (next_word(&cmdline, word, sizeof(word)) >= sizeof(word)) {
			pr_warn("cmdline: word '%.32s...' longer than %d bytes, ignored\n", word,
				CMDLINE_MAX_WORD - 1);
			err = -E2BIG;
			first = false;
			continue;
		}
		if (first && (first = false, looks_like_image_name(word)))
			continue;
		char *eq = strchr(word, '=');
		if (eq)
			*eq = '\0';
		fn(word, eq ? eq + 1 : NULL, arg);
		count++;
	}
	return err ? err : count;
}

static int apply_param(const char *key, const char *value, void *arg)
{
	bool *after_dashes = arg;

	if (!*after_dashes && !value && !strcmp(key, "--")) {
		*after_dashes = true;             /* the rest is init's, as Linux */
		return 0;
	}
	for (const struct kernel_param *p = __kernel_params_start;
	     p < __kernel_params_end && !*after_dashes; p++) {
		if (strcmp(p->name, key))
			continue;
		int err = p->set(value);
		if (err)
			pr_warn("cmdline: bad value for %s: '%s' (error %d), ignored\n", key,
				value ? value : "", err);
		return err;
	}
	cmdline_unknown_words++;
	unknown_bootoption(key, value, *after_dashes);
	return -ENOENT;
}

void parse_kernel_cmdline(const char *cmdline)
{
	bool after_dashes = false;

	parse_cmdline(cmdline, apply_param, &after_dashes);
}

/* A small decimal number: at least one digit, nothing else, at most max. */
int parse_small_uint(const char *value, unsigned int max, unsigned int *out)
{
	unsigned int v = 0;

	if (!value || !*value)
		return -EINVAL;
	for (; *value; value++) {
		if (*value < '0' || *value > '9')
			return -EINVAL;
		v = v * 10 + (*value - '0');
		if (v > max)
			return -ERANGE;
	}
	*out = v;
	return 0;
}

static int set_loglevel(const char *value)
{
	unsigned int level;
	int err = parse_small_uint(value, 8, &level);

	if (!err)
		console_loglevel = (int)level;
	return err;
}
KERNEL_PARAM("loglevel", set_loglevel);

static int set_quiet(const char *value)
{
	if (value)
		return -EINVAL;
	console_loglevel = CONSOLE_LOGLEVEL_QUIET;
	return 0;
}
KERNEL_PARAM("quiet", set_quiet);
