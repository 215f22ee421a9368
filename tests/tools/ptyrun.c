/* SPDX-License-Identifier: MIT */
/*
 * ptyrun: run a command on a pseudo-terminal and talk to it from a script,
 * for the tests of the interactive interview (no expect/python needed).
 *
 *   ptyrun [-c COLS] [-r ROWS] [-t SECONDS] [-o LOG] -- CMD [ARG...] <SCRIPT
 *
 * SCRIPT lines (a line starting with '#' is a comment):
 *   expect TEXT   wait until TEXT shows up in the output after the place
 *                 the previous expect matched (timeout: -t, default 10 s)
 *   send TEXT     type TEXT and Enter ("send" alone: just Enter)
 *   ctrl X        type Ctrl-X (ctrl C interrupts, ctrl D ends the input)
 *   kill9         kill -9 the command
 *   wait          wait for the command to end
 *   maxwidth      fail (exit 123) if a line printed so far is wider than
 *                 the terminal, by display width (a kanji is two columns);
 *                 lines with a prompt "> " are left out: the terminal
 *                 echoes what was typed there, and wraps it itself
 * Everything the command printed goes to LOG (default stdout) with the
 * carriage returns taken out. Exit status: the command's (128 + signal if
 * killed), 124 when an expect timed out (the output so far is in LOG and
 * its end on stderr), 125 for a usage or system error.
 */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

static char *buf;
static size_t len, cap, mark;
static int master = -1;
static pid_t child;
static int status = -1;
static bool closed;

static void
fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "ptyrun: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(125);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
append(const char *p, size_t n)
{
	size_t i;

	if (len + n + 1 > cap) {
		cap = (len + n + 1) * 2;
		if (!(buf = realloc(buf, cap)))
			fail("%s", "out of memory");
	}
	for (i = 0; i < n; i++)
		if (p[i] != '\r')
			buf[len++] = p[i];
	buf[len] = '\0';
}

/* Read what is there, waiting at most ms; false once the pty is closed. */
static bool
pump(int ms)
{
	struct pollfd pfd = { .fd = master, .events = POLLIN };
	char tmp[4096];
	ssize_t n;

	if (closed)
		return false;
	if (poll(&pfd, 1, ms) <= 0)
		return true;
	n = read(master, tmp, sizeof(tmp));
	if (n > 0) {
		append(tmp, (size_t)n);
		return true;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	closed = true;	/* EIO: the command closed the terminal */
	return false;
}

static void
reap(void)
{
	int st;

	if (status >= 0)
		return;
	if (waitpid(child, &st, 0) == child)
		status = WIFEXITED(st) ? WEXITSTATUS(st)
				       : 128 + WTERMSIG(st);
}

static void
send_bytes(const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(master, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			fail("cannot write to the terminal: %s",
			     strerror(errno));
		s += w, n -= (size_t)w;
	}
}

static void
timed_out(const char *what, FILE *log)
{
	size_t from = len > 600 ? len - 600 : 0;

	fprintf(stderr, "ptyrun: '%s' did not show up (timeout or end); "
		"the output ends with:\n%s\n", what, buf ? buf + from : "");
	if (log)
		fwrite(buf ? buf : "", 1, len, log);
	kill(child, SIGKILL);
	exit(124);
}

/* The first line of the output wider than cols, or 0 if none. */
static size_t
too_wide(size_t cols)
{
	size_t lineno = 1, w = 0, i = 0;
	mbstate_t ps;

	memset(&ps, 0, sizeof(ps));
	while (i < len) {
		wchar_t wc;
		size_t k, eol = strcspn(buf + i, "\n");
		int cw;

		if (w == 0 && memmem(buf + i, eol, "> ", 2)) {
			i += eol;
			continue;
		}
		k = mbrtowc(&wc, buf + i, len - i, &ps);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&ps, 0, sizeof(ps));
			k = 1;
			wc = L'?';
		}
		i += k;
		if (wc == L'\n') {
			lineno++;
			w = 0;
			continue;
		}
		cw = wcwidth(wc);
		w += cw > 0 ? (size_t)cw : 0;
		if (w > cols)
			return lineno;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct winsize ws = { .ws_row = 30, .ws_col = 100 };
	double timeout = 10;
	const char *logpath = NULL;
	char line[8192], *name;
	FILE *log = stdout;
	int c;

	while ((c = getopt(argc, argv, "+c:r:t:o:")) != -1) {
		switch (c) {
		case 'c':
			ws.ws_col = (unsigned short)atoi(optarg);
			break;
		case 'r':
			ws.ws_row = (unsigned short)atoi(optarg);
			break;
		case 't':
			timeout = atof(optarg);
			break;
		case 'o':
			logpath = optarg;
			break;
		default:
			fail("%s", "usage: ptyrun [-c COLS] [-r ROWS] "
			     "[-t SECONDS] [-o LOG] -- CMD [ARG...] <SCRIPT");
		}
	}
	if (optind >= argc)
		fail("%s", "no command given");
	if (logpath && !(log = fopen(logpath, "w")))
		fail("cannot create the log: %s", strerror(errno));
	if ((master = posix_openpt(O_RDWR | O_NOCTTY)) < 0 ||
	    grantpt(master) || unlockpt(master) || !(name = ptsname(master)))
		fail("cannot open a pseudo-terminal: %s", strerror(errno));
	if ((child = fork()) < 0)
		fail("cannot fork: %s", strerror(errno));
	if (child == 0) {
		int s;

		setsid();
		if ((s = open(name, O_RDWR)) < 0)
			_exit(125);
		ioctl(s, TIOCSCTTY, 0);
		ioctl(s, TIOCSWINSZ, &ws);
		dup2(s, 0);
		dup2(s, 1);
		dup2(s, 2);
		if (s > 2)
			close(s);
		close(master);
		execvp(argv[optind], argv + optind);
		fprintf(stderr, "ptyrun: cannot run '%s': %s\n", argv[optind],
			strerror(errno));
		_exit(127);
	}
	signal(SIGPIPE, SIG_IGN);
	while (fgets(line, sizeof(line), stdin)) {
		char *arg;

		line[strcspn(line, "\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		arg = strchr(line, ' ');
		arg = arg ? arg + 1 : line + strlen(line);
		if (!strncmp(line, "expect ", 7)) {
			double end = now() + timeout;
			char *hit;

			while (!(hit = strstr(buf ? buf + mark : "", arg))) {
				if (now() > end || (!pump(50) &&
				    !strstr(buf ? buf + mark : "", arg)))
					timed_out(arg, log);
			}
			mark = (size_t)(hit - buf) + strlen(arg);
		} else if (!strncmp(line, "send", 4)) {
			send_bytes(arg, strlen(arg));
			send_bytes("\r", 1);
		} else if (!strncmp(line, "ctrl ", 5)) {
			char ch = (char)(arg[0] & 0x1f);

			send_bytes(&ch, 1);
		} else if (!strcmp(line, "maxwidth")) {
			size_t bad;

			setlocale(LC_CTYPE, "C.UTF-8");
			if ((bad = too_wide(ws.ws_col))) {
				fprintf(stderr, "ptyrun: output line %zu is "
					"wider than %u columns\n", bad,
					ws.ws_col);
				fwrite(buf ? buf : "", 1, len, log);
				kill(child, SIGKILL);
				exit(123);
			}
		} else if (!strcmp(line, "kill9")) {
			kill(child, SIGKILL);
		} else if (!strcmp(line, "wait")) {
			double end = now() + timeout;

			while (pump(50))
				if (now() > end)
					timed_out("the end", log);
			reap();
		} else {
			fail("unknown script line '%s'", line);
		}
	}
	{
		double end = now() + timeout;

		while (pump(50))
			if (now() > end)
				timed_out("the end of the command", log);
	}
	reap();
	fwrite(buf ? buf : "", 1, len, log);
	if (log != stdout)
		fclose(log);
	return status;
}
