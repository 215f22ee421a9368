# core/: plumbing shared by all folders
CORE_SRC = \
	core/error.c \
	core/out.c \
	core/sbuf.c \
	core/schema.c \
	core/store.c \
	core/text.c
