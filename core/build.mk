# core/: plumbing shared by all folders
CORE_SRC = \
	core/datadir.c \
	core/error.c \
	core/out.c \
	core/qset.c \
	core/sbuf.c \
	core/schema.c \
	core/sha256.c \
	core/store.c \
	core/text.c \
	core/yaml.c
