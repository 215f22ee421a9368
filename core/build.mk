# core/: plumbing shared by all folders
CORE_SRC = \
	core/error.c \
	core/sbuf.c
