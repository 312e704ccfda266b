/* include/params.h: the kernel command line, as `key=value` and bare `flag`
 * words. A subsystem declares the words it takes with KERNEL_PARAM; the table
 * is a linker section, so adding a parameter touches no central list. Unknown
 * words are passed to init, as Linux passes them; never fatal. */
#ifndef TASKLAB_PARAMS_H
#define TASKLAB_PARAMS_H

#include <types.h>

struct kernel_param {
	const char *name;
	/* value is NULL for a bare word; return 0 or a negative errno */
	int (*set)(const char *value);
};

#define KERNEL_PARAM(pname, fn) \
	static const struct kernel_param __param_##fn __used \
	__section(".kernel_params") __aligned(4) = { pname, fn }

#define CMDLINE_MAX_WORD 256

/* Split cmdline into words (double quotes group spaces; the loader's image name
 * first word is skipped) and call fn(key, value, arg) for each; value is NULL
 * without '='. Returns the number of words, or -E2BIG if a word is too long
 * (that word is skipped, the rest still parsed). */
int parse_cmdline(const char *cmdline, int (*fn)(const char *key, const char *value, void *arg),
		  void *arg);
/* Apply the kernel command line through the KERNEL_PARAM table. */
void parse_kernel_cmdline(const char *cmdline);
/* Parse a decimal number of at most max: -EINVAL without digits or with
 * anything else, -ERANGE above max. */
int parse_small_uint(const char *value, unsigned int max, unsigned int *out);
/* Number of words parse_kernel_cmdline() did not recognise. */
extern int cmdline_unknown_words;
/* Such a word goes to init (kernel/main.c): key=value into its environment,
 * a bare word (or any word after "--") into its argv, as Linux. */
void unknown_bootoption(const char *key, const char *value, bool after_dashes);
/* init's argv (argv[0] "init" until init= or a default is picked) and
 * environment, NULL-terminated. */
const char *const *init_argv(void);
const char *const *init_envp(void);

#endif
