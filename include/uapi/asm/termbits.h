/* include/uapi/asm/termbits.h: the terminal settings of Linux's i386 ABI:
 * the kernel's struct termios (what TCGETS and TCSETS copy: 36 bytes; a C
 * library converts its own larger struct), the window size, the flag bits
 * of the four mode words and the indexes of the control characters. The
 * values are Linux's (asm-generic/termbits.h); the ioctl numbers are in
 * ioctls.h beside this file. */
#ifndef TASKLAB_UAPI_TERMBITS_H
#define TASKLAB_UAPI_TERMBITS_H

typedef unsigned char cc_t;
typedef unsigned int tcflag_t;

#define NCCS 19
struct termios {                /* the kernel's struct termios (36 bytes) */
	tcflag_t c_iflag, c_oflag, c_cflag, c_lflag;
	cc_t c_line;
	cc_t c_cc[NCCS];
};

struct winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indexes */
#define VINTR    0
#define VQUIT    1
#define VERASE   2
#define VKILL    3
#define VEOF     4
#define VTIME    5
#define VMIN     6
#define VSWTC    7
#define VSTART   8
#define VSTOP    9
#define VSUSP    10
#define VEOL     11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE  14
#define VLNEXT   15
#define VEOL2    16

/* c_iflag */
#define IGNBRK  0000001
#define BRKINT  0000002
#define IGNPAR  0000004
#define PARMRK  0000010
#define INPCK   0000020
#define ISTRIP  0000040
#define INLCR   0000100
#define IGNCR   0000200
#define ICRNL   0000400
#define IUCLC   0001000
#define IXON    0002000
#define IXANY   0004000
#define IXOFF   0010000
#define IMAXBEL 0020000
#define IUTF8   0040000

/* c_oflag */
#define OPOST  0000001
#define OLCUC  0000002
#define ONLCR  0000004
#define OCRNL  0000010
#define ONOCR  0000020
#define ONLRET 0000040
#define OFILL  0000100
#define OFDEL  0000200
#define TABDLY 0014000
#define XTABS  0014000          /* TAB3: tabs expanded to spaces */

/* c_cflag */
#define CBAUD   0010017
#define B0      0000000
#define B9600   0000015
#define B38400  0000017
#define B115200 0010002
#define CSIZE   0000060
#define CS5     0000000
#define CS6     0000020
#define CS7     0000040
#define CS8     0000060
#define CSTOPB  0000100
#define CREAD   0000200
#define PARENB  0000400
#define PARODD  0001000
#define HUPCL   0002000
#define CLOCAL  0004000

/* c_lflag */
#define ISIG    0000001
#define ICANON  0000002
#define XCASE   0000004
#define ECHO    0000010
#define ECHOE   0000020
#define ECHOK   0000040
#define ECHONL  0000100
#define NOFLSH  0000200
#define TOSTOP  0000400
#define ECHOCTL 0001000
#define ECHOPRT 0002000
#define ECHOKE  0004000
#define FLUSHO  0010000
#define PENDIN  0040000
#define IEXTEN  0100000
#define EXTPROC 0200000

/* TCXONC arguments */
#define TCOOFF 0
#define TCOON  1
#define TCIOFF 2
#define TCION  3

/* TCFLSH arguments */
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

/* tcsetattr's actions (a C library turns them into TCSETS, TCSETSW, TCSETSF) */
#define TCSANOW   0
#define TCSADRAIN 1
#define TCSAFLUSH 2

#endif
