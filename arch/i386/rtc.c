/* arch/i386/rtc.c: reading the wall-clock time from the CMOS real-time clock
 * (MC146818) once at boot. The RTC may count in BCD or binary and in 12- or
 * 24-hour mode (status register B says which); we wait for an update not to
 * be in progress and read until two reads agree, as the RTC can tick between
 * our reads of its fields. */
#include <kernel.h>
#include <time.h>
#include <asm/io.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71

static u8 cmos_read(u8 reg)
{
	outb(CMOS_INDEX, reg);
	return inb(CMOS_DATA);
}

static unsigned int bcd(unsigned int v) { return (v & 0x0F) + (v >> 4) * 10; }

struct rtc_time { unsigned int sec, min, hour, mday, mon, year; };

static void rtc_read_raw(struct rtc_time *t)
{
	while (cmos_read(0x0A) & 0x80)      /* update in progress */
		;
	t->sec = cmos_read(0x00);
	t->min = cmos_read(0x02);
	t->hour = cmos_read(0x04);
	t->mday = cmos_read(0x07);
	t->mon = cmos_read(0x08);
	t->year = cmos_read(0x09);
}

/* Days from 1970-01-01 to the given civil date (proleptic Gregorian). */
long days_from_civil(long y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned long yoe = (unsigned long)(y - era * 400);
	unsigned long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (long)doe - 719468;
}

u64 rtc_read_unix_time(void)
{
	struct rtc_time a, b;
	u8 status_b;
	bool pm;

	do {
		rtc_read_raw(&a);
		rtc_read_raw(&b);
	} while (memcmp(&a, &b, sizeof(a)));
	status_b = cmos_read(0x0B);
	pm = a.hour & 0x80;
	a.hour &= 0x7F;
	if (!(status_b & 0x04)) {           /* BCD mode */
		a.sec = bcd(a.sec); a.min = bcd(a.min); a.hour = bcd(a.hour);
		a.mday = bcd(a.mday); a.mon = bcd(a.mon); a.year = bcd(a.year);
	}
	if (!(status_b & 0x02) && pm)       /* 12-hour mode */
		a.hour = (a.hour % 12) + 12;
	a.year += a.year < 70 ? 2000 : 1900;
	return (u64)days_from_civil(a.year, a.mon, a.mday) * 86400 +
	       a.hour * 3600 + a.min * 60 + a.sec;
}
