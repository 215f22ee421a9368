# otasuke build configuration: tunables live here, rules in Makefile.
VERSION = 0.1.0
PREFIX  = /usr/local
BINDIR  = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/otasuke
MANDIR  = $(PREFIX)/share/man
LIBDIR  = $(PREFIX)/lib/otasuke

CC      = cc
CFLAGS  = -std=c11 -Wall -Wextra -Werror -O2 -g -fPIC -fno-semantic-interposition
CPPFLAGS = -D_GNU_SOURCE -I.
LDFLAGS =

# CORE_PKGS for the program, RENDER_PKGS for its drawing module
# (otasuke-render.so, see bin/render.h); tests link both.
CORE_PKGS   = yaml-0.1 sqlite3 zlib
RENDER_PKGS = xlsxwriter cairo pangocairo pangofc harfbuzz fontconfig \
	      libdeflate
PKGS        = $(CORE_PKGS) $(RENDER_PKGS)
TEST_PKGS = cmocka

SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all

# Debian bookworm packages that `make deps` installs when missing.
DEB_PKGS = build-essential pkg-config libyaml-dev libsqlite3-dev \
           libxlsxwriter-dev libcairo2-dev libpango1.0-dev libcmocka-dev \
           zlib1g-dev libdeflate-dev fonts-ipaexfont-gothic fonts-dejavu-core \
           fonts-cantarell mandoc poppler-utils \
           valgrind sqlite3 clang unzip time qpdf
