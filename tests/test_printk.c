/* tests/test_printk.c: vsnprintf conversions and printk's ring buffer
 * (log_contains across the ring's wrap-around; log_buf_tail, the monitor's
 * d, giving whole lines). */
#include <kernel.h>
#include <ktest.h>
#include <asm/irqflags.h>
#include <slab.h>

#define FMT(t, expect, ...) do {                                   \
	char __b[128];                                             \
	snprintf(__b, sizeof(__b), __VA_ARGS__);                   \
	KTEST_EXPECT_STREQ(t, __b, expect);                        \
} while (0)

static void printk_signed_and_unsigned(struct ktest *t)
{
	FMT(t, "42 -42 0", "%d %i %d", 42, -42, 0);
	FMT(t, "-2147483648", "%d", (int)0x80000000);
	FMT(t, "4294967295", "%u", 0xFFFFFFFFu);
	FMT(t, "-9223372036854775808", "%lld", (long long)0x8000000000000000ull);
	FMT(t, "18446744073709551615", "%llu", ~0ull);
	FMT(t, "-5 123456789", "%ld %lu", -5L, 123456789UL);
	FMT(t, "-1 255", "%hhd %hhu", 255, 255);
}

static void printk_hex_octal_pointer(struct ktest *t)
{
	FMT(t, "deadbeef DEADBEEF", "%x %X", 0xdeadbeef, 0xdeadbeef);
	FMT(t, "0xff 0XFF 017", "%#x %#X %#o", 255, 255, 15);
	FMT(t, "123456789abcdef0", "%llx", 0x123456789abcdef0ull);
	FMT(t, "c0100000", "%p", (void *)0xc0100000);
	FMT(t, "00001000", "%p", (void *)0x1000);
}

static void printk_width_and_flags(struct ktest *t)
{
	FMT(t, "[    7]", "[%5d]", 7);
	FMT(t, "[00007]", "[%05d]", 7);
	FMT(t, "[7    ]", "[%-5d]", 7);
	FMT(t, "[-0007]", "[%05d]", -7);
	FMT(t, "[+7 -7]", "[%+d %+d]", 7, -7);
	FMT(t, "[  abc][abc  ]", "[%5s][%-5s]", "abc", "abc");
	FMT(t, "[ab]", "[%.2s]", "abcdef");
	FMT(t, "[   42]", "[%*d]", 5, 42);
	FMT(t, "[007]", "[%.3d]", 7);
	FMT(t, "[0x0000002a]", "[%#010x]", 42);
}

static void printk_chars_strings_percent(struct ktest *t)
{
	FMT(t, "a b %", "%c %c %%", 'a', 'b');
	const char *volatile null_string = NULL;   /* hidden from the format checker */
	const char *unknown = "%q";

	FMT(t, "(null)", "%s", null_string);
	FMT(t, "[  x]", "[%3c]", 'x');
	FMT(t, "100%", "100%%");
	FMT(t, "%q", unknown, 0);      /* an unknown conversion is printed as written */
}

static void printk_truncation_is_reported(struct ktest *t)
{
	char buf[8];
	int n = snprintf(buf, sizeof(buf), "%s", "0123456789");

	KTEST_EXPECT_EQ(t, n, 10);                    /* the length it needed */
	KTEST_EXPECT_STREQ(t, buf, "0123456");        /* always terminated */
	KTEST_EXPECT_EQ(t, snprintf(NULL, 0, "%d", 12345), 5);
}

static void printk_symbol_conversion(struct ktest *t)
{
	char buf[96];

	snprintf(buf, sizeof(buf), "%pS", (void *)printk_symbol_conversion);
	KTEST_EXPECT_TRUE(t, !strncmp(buf, "printk_symbol_conversion+0x0/0x", 31));
	snprintf(buf, sizeof(buf), "%pS", (void *)0x1234);
	KTEST_EXPECT_STREQ(t, buf, "0x1234");
}

static void printk_reaches_ring_buffer(struct ktest *t)
{
	char tail[128];
	u32 head = log_head;

	printk(KERN_DEBUG "ring-buffer-marker %d\n", 31337);
	KTEST_EXPECT_GT(t, log_head, head);
	log_buf_tail(tail, sizeof(tail));
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "ring-buffer-marker 31337\n"));
	/* a timestamp "[    s.micros] " opens a new line in the log */
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "] ring-buffer-marker"));
}

static void printk_loglevel_filters_console_only(struct ktest *t)
{
	char tail[96];
	int saved = console_loglevel;
	unsigned long sent = console_bytes;
	u32 logged = log_head;

	console_loglevel = 1;          /* only KERN_EMERG reaches the console now */
	printk(KERN_INFO "hidden-from-console\n");
	KTEST_EXPECT_EQ(t, console_bytes, sent);             /* nothing sent */
	KTEST_EXPECT_GT(t, log_head, logged);                /* but logged */
	printk(KERN_EMERG "shown-on-console\n");
	KTEST_EXPECT_GE(t, console_bytes, sent + 17);        /* text + stamp */
	console_loglevel = saved;
	log_buf_tail(tail, sizeof(tail));
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "hidden-from-console"));
	sent = console_bytes;
	printk(KERN_RAW "raw lines always print\n");         /* KTAP's level */
	KTEST_EXPECT_EQ(t, console_bytes, sent + 23);        /* verbatim, no stamp */
}

static char dots[257];

/* Bytes from the newest one to the ring's end, less before_end. */
static u32 log_room(u32 before_end)
{
	return (2 * LOG_BUF_LEN - before_end - log_head % LOG_BUF_LEN) % LOG_BUF_LEN;
}

/* Fill the log with dots at debug level (kept from the console unless
 * booted with loglevel=8), no newline so no timestamp comes between them,
 * until the next byte logged lands before_end bytes before the ring's end. */
static void log_fill_to(u32 before_end)
{
	memset(dots, '.', sizeof(dots) - 1);
	printk(KERN_DEBUG "fill:");        /* a stamp, if any, comes now */
	for (u32 room; (room = log_room(before_end)); )
		printk(KERN_DEBUG "%.*s", (int)min(room, sizeof(dots) - 1), dots);
}

/* log_contains() searches the ring in place: a message that wraps from
 * the ring's end to its start is found whole; a search stops at the newest
 * byte, though older bytes follow it in the buffer. Interrupts are off
 * from the last filler on, so no other message lands in between. */
static void log_contains_searches_across_the_wrap(struct ktest *t)
{
	char stale[12];
	unsigned long flags;
	bool stale_found;
	u32 since;

	log_fill_to(64);
	flags = local_irq_save();
	log_fill_to(5);                    /* exact now: no stamp, no other message */
	since = log_head;
	printk(KERN_DEBUG "wrap-marker-4711");
	memcpy(stale, "4711", 4);
	memcpy(stale + 4, log_buf + log_head % LOG_BUF_LEN, 7);   /* an older lap's */
	stale[11] = '\0';
	/* searched before the newline below overwrites the first stale byte */
	stale_found = log_contains(since, stale);
	local_irq_restore(flags);
	printk(KERN_DEBUG "\n");
	KTEST_EXPECT_EQ(t, memcmp(log_buf + LOG_BUF_LEN - 5, "wrap-", 5), 0);
	KTEST_EXPECT_EQ(t, memcmp(log_buf, "marker-4711", 11), 0);
	KTEST_EXPECT_TRUE(t, log_contains(since, "wrap-marker-4711"));
	KTEST_EXPECT_TRUE(t, log_contains(since, "p-m"));
	KTEST_EXPECT_FALSE(t, log_contains(since, "wrap-marker-4712"));
	KTEST_EXPECT_FALSE(t, log_contains(since + 1, "wrap-"));   /* from since on */
	KTEST_EXPECT_FALSE(t, stale_found);                        /* not past the newest */
	KTEST_EXPECT_FALSE(t, log_contains(log_head, "\n"));       /* nothing new yet */
}

/* What a full lap of the ring overwrote is no longer found. */
static void log_contains_forgets_overwritten_text(struct ktest *t)
{
	u32 since = log_head;

	printk(KERN_DEBUG "overwritten-marker-17\n");
	KTEST_EXPECT_TRUE(t, log_contains(since, "overwritten-marker-17"));
	while (log_head - since <= LOG_BUF_LEN)      /* a whole lap past the marker */
		log_fill_to(0);
	printk(KERN_DEBUG "\n");
	KTEST_EXPECT_FALSE(t, log_contains(since, "overwritten-marker-17"));
	KTEST_EXPECT_TRUE(t, log_contains(since, "........"));   /* the filler is */
}

/* Is the byte at log position pos (still in the ring) a line's first? */
static bool log_line_starts_at(u32 pos)
{
	return pos == 0 || log_buf[(pos - 1) % LOG_BUF_LEN] == '\n';
}

/* Fill the ring past its wrap with stamped lines of uneven length, until
 * both the monitor's window (its last MONITOR_DMESG_BYTES - 1 bytes) and
 * the whole ring begin mid-line, where the old dump began. The oldest
 * byte of a full ring has lost the byte before it, but every line here
 * starts with its stamp's '[', which appears nowhere else. */
static void fill_log_past_wrap(void)
{
	u32 start = log_head;

	for (int i = 0; log_head - start < 2 * LOG_BUF_LEN ||
		     log_line_starts_at(log_head - (MONITOR_DMESG_BYTES - 1)) ||
		     log_buf[log_head % LOG_BUF_LEN] == '['; i++)
		printk(KERN_DEBUG "ring-fill %d %.*s\n", i, i % 23, "abcdefghijklmnopqrstuvw");
}

/* The monitor's d (log_buf_tail) starts at a line's first byte, the "["
 * of its timestamp, though the ring has wrapped and the window began
 * mid-line; so does a dump of the whole ring, whose oldest line was
 * partly overwritten. */
static void printk_tail_starts_at_a_line(struct ktest *t)
{
	char *buf = kmalloc(LOG_BUF_LEN + 1, GFP_KERNEL);
	size_t len;

	KTEST_ASSERT_NOT_NULL(t, buf);
	fill_log_past_wrap();
	KTEST_EXPECT_FALSE(t, log_line_starts_at(log_head - (MONITOR_DMESG_BYTES - 1)));
	len = log_buf_tail(buf, MONITOR_DMESG_BYTES);
	KTEST_EXPECT_GT(t, len, MONITOR_DMESG_BYTES / 2);
	KTEST_EXPECT_LT(t, len, MONITOR_DMESG_BYTES - 1);     /* the partial line went */
	KTEST_EXPECT_EQ(t, buf[0], '[');
	KTEST_EXPECT_TRUE(t, log_line_starts_at(log_head - len));
	KTEST_EXPECT_EQ(t, buf[len - 1], '\n');
	KTEST_EXPECT_NE(t, log_buf[log_head % LOG_BUF_LEN], '[');   /* the oldest byte */
	len = log_buf_tail(buf, LOG_BUF_LEN + 1);              /* the whole ring */
	KTEST_EXPECT_GT(t, len, LOG_BUF_LEN - 100);
	KTEST_EXPECT_LT(t, len, LOG_BUF_LEN);
	KTEST_EXPECT_EQ(t, buf[0], '[');
	KTEST_EXPECT_TRUE(t, !strncmp(buf + 15, "ring-fill ", 10));   /* after the stamp */
	kfree(buf);
}

static const struct ktest_case printk_cases[] = {
	KTEST_CASE(printk_signed_and_unsigned),
	KTEST_CASE(printk_hex_octal_pointer),
	KTEST_CASE(printk_width_and_flags),
	KTEST_CASE(printk_chars_strings_percent),
	KTEST_CASE(printk_truncation_is_reported),
	KTEST_CASE(printk_symbol_conversion),
	KTEST_CASE(printk_reaches_ring_buffer),
	KTEST_CASE(printk_loglevel_filters_console_only),
	KTEST_CASE(log_contains_searches_across_the_wrap),
	KTEST_CASE(log_contains_forgets_overwritten_text),
	KTEST_CASE(printk_tail_starts_at_a_line),
	{}
};
KTEST_SUITE(printk, printk_cases);
