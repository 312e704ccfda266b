/* include/uapi/asm/termbits.h: the terminal ioctls glibc and musl make at
 * start-up and in isatty(), with Linux i386's numbers and structures. */
#ifndef TASKLAB_UAPI_TERMBITS_H
#define TASKLAB_UAPI_TERMBITS_H

#define TCGETS     0x5401
#define TCSETS     0x5402
#define TIOCGWINSZ 0x5413

#define NCCS 19
struct termios {                /* the kernel's struct termios (36 bytes) */
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line;
	unsigned char c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* the flags the console reports */
#define ICRNL  0000400
#define OPOST  0000001
#define ONLCR  0000004
#define B115200 0010002
#define CS8    0000060
#define CREAD  0000200
#define ISIG   0000001
#define ICANON 0000002
#define ECHO   0000010
#define ECHOE  0000020
#define VINTR  0
#define VERASE 2
#define VKILL  3
#define VEOF   4

#endif
