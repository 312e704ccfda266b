/* tests/test_cmdline.c: splitting and applying the kernel command line. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <multiboot.h>
#include <params.h>

struct words {
	int n;
	char key[8][32];
	char value[8][64];
	bool has_value[8];
};

static int collect(const char *key, const char *value, void *arg)
{
	struct words *w = arg;

	if (w->n < 8) {
		strlcpy(w->key[w->n], key, sizeof(w->key[0]));
		w->has_value[w->n] = value != NULL;
		strlcpy(w->value[w->n], value ? value : "", sizeof(w->value[0]));
	}
	w->n++;
	return 0;
}

static void cmdline_splits_key_value_and_flags(struct ktest *t)
{
	struct words w = { 0 };

	KTEST_ASSERT_EQ(t, parse_cmdline("  quiet loglevel=7\ttest=printk.* ", collect, &w), 3);
	KTEST_EXPECT_STREQ(t, w.key[0], "quiet");
	KTEST_EXPECT_FALSE(t, w.has_value[0]);
	KTEST_EXPECT_STREQ(t, w.key[1], "loglevel");
	KTEST_EXPECT_STREQ(t, w.value[1], "7");
	KTEST_EXPECT_STREQ(t, w.key[2], "test");
	KTEST_EXPECT_STREQ(t, w.value[2], "printk.*");
}

static void cmdline_skips_qemu_image_name(struct ktest *t)
{
	struct words w = { 0 };

	/* QEMU -kernel: "build/tasklab.elf args"; GRUB: just the args */
	KTEST_ASSERT_EQ(t, parse_cmdline("build/tasklab.elf a=1", collect, &w), 1);
	KTEST_EXPECT_STREQ(t, w.key[0], "a");
	w.n = 0;
	KTEST_ASSERT_EQ(t, parse_cmdline("tasklab.elf", collect, &w), 0);
	w.n = 0;
	KTEST_ASSERT_EQ(t, parse_cmdline("quiet", collect, &w), 1);  /* a flag is kept */
	w.n = 0;
	KTEST_ASSERT_EQ(t, parse_cmdline("", collect, &w), 0);
}

static void cmdline_quotes_and_empty_values(struct ktest *t)
{
	struct words w = { 0 };

	KTEST_ASSERT_EQ(t, parse_cmdline("msg=\"two words\" empty=", collect, &w), 2);
	KTEST_EXPECT_STREQ(t, w.value[0], "two words");
	KTEST_EXPECT_TRUE(t, w.has_value[1]);
	KTEST_EXPECT_STREQ(t, w.value[1], "");
}

static void cmdline_overlong_word_is_refused(struct ktest *t)
{
	static char line[CMDLINE_MAX_WORD + 32];
	struct words w = { 0 };

	memset(line, 'x', CMDLINE_MAX_WORD + 10);
	strlcpy(line + CMDLINE_MAX_WORD + 10, " ok=1", 8);
	KTEST_EXPECT_EQ(t, parse_cmdline(line, collect, &w), -E2BIG);
	KTEST_ASSERT_EQ(t, w.n, 1);                 /* the rest is still parsed */
	KTEST_EXPECT_STREQ(t, w.key[0], "ok");
}

static void cmdline_unknown_word_is_ignored(struct ktest *t)
{
	int before = cmdline_unknown_words;
	int level = console_loglevel;

	parse_kernel_cmdline("no_such_parameter=3 loglevel=5");
	KTEST_EXPECT_EQ(t, cmdline_unknown_words, before + 1);
	KTEST_EXPECT_EQ(t, console_loglevel, 5);    /* the known word still applied */
	parse_kernel_cmdline("loglevel=banana");    /* a bad value is refused */
	KTEST_EXPECT_EQ(t, console_loglevel, 5);
	parse_kernel_cmdline("loglevel= loglevel=- loglevel=4294967297 loglevel=9 loglevel");
	KTEST_EXPECT_EQ(t, console_loglevel, 5);   /* empty, no digits, overflow, range */
	console_loglevel = level;
}

static void cmdline_boot_line_has_test_selection(struct ktest *t)
{
	KTEST_EXPECT_NOT_NULL(t, strstr(boot_params.cmdline, "test="));
	KTEST_EXPECT_TRUE(t, ktest_requested());
}

static void cmdline_small_numbers(struct ktest *t)
{
	unsigned int v = 77;

	KTEST_EXPECT_EQ(t, parse_small_uint("8", 8, &v), 0);
	KTEST_EXPECT_EQ(t, v, 8);
	KTEST_EXPECT_EQ(t, parse_small_uint("9", 8, &v), -ERANGE);
	KTEST_EXPECT_EQ(t, parse_small_uint("99999999999999", 100, &v), -ERANGE);
	KTEST_EXPECT_EQ(t, parse_small_uint("", 8, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, parse_small_uint("3x", 8, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, parse_small_uint(NULL, 8, &v), -EINVAL);
	KTEST_EXPECT_EQ(t, v, 8);                    /* untouched on error */
}

static bool matches_text(const char *glob, const void *text)
{
	return glob_match(glob, text);
}

static void glob_matching(struct ktest *t)
{
	KTEST_EXPECT_TRUE(t, glob_match("*", "anything"));
	KTEST_EXPECT_TRUE(t, glob_match("printk.*", "printk.printk_width"));
	KTEST_EXPECT_TRUE(t, glob_match("tr?ps", "traps"));
	KTEST_EXPECT_TRUE(t, glob_match("*c2?_*", "claim_c21_order1"));
	KTEST_EXPECT_FALSE(t, glob_match("printk", "printk.x"));
	KTEST_EXPECT_FALSE(t, glob_match("a*b", "acd"));
	KTEST_EXPECT_TRUE(t, glob_list_any("x*,tr?ps", matches_text, "traps"));
	KTEST_EXPECT_FALSE(t, glob_list_any("x*,,y", matches_text, "traps"));
}

static const struct ktest_case cmdline_cases[] = {
	KTEST_CASE(cmdline_splits_key_value_and_flags),
	KTEST_CASE(cmdline_skips_qemu_image_name),
	KTEST_CASE(cmdline_quotes_and_empty_values),
	KTEST_CASE(cmdline_overlong_word_is_refused),
	KTEST_CASE(cmdline_unknown_word_is_ignored),
	KTEST_CASE(cmdline_boot_line_has_test_selection),
	KTEST_CASE(cmdline_small_numbers),
	KTEST_CASE(glob_matching),
	{}
};
KTEST_SUITE(cmdline, cmdline_cases);
