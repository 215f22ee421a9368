# otasuke build configuration: tunables live here, rules in Makefile.
VERSION = 0.1.0
PREFIX  = /usr/local
BINDIR  = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/otasuke
MANDIR  = $(PREFIX)/share/man

CC      = cc
CFLAGS  = -std=c11 -Wall -Wextra -Werror -O2 -g
CPPFLAGS = -D_GNU_SOURCE -I.
LDFLAGS =

PKGS      = yaml-0.1 sqlite3 xlsxwriter cairo pangocairo pangofc harfbuzz \
	    fontconfig libdeflate zlib
TEST_PKGS = cmocka

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all

# Debian bookworm packages that `make deps` installs when missing.
DEB_PKGS = build-essential pkg-config libyaml-dev libsqlite3-dev \
           libxlsxwriter-dev libcairo2-dev libpango1.0-dev libcmocka-dev \
           zlib1g-dev libdeflate-dev fonts-ipaexfont-gothic mandoc poppler-utils \
           valgrind sqlite3 clang unzip time qpdf
