# core/: plumbing shared by all folders
CORE_SRC = \
	core/asset.c \
	core/company.c \
	core/company_import.c \
	core/csv.c \
	core/datadir.c \
	core/error.c \
	core/industry.c \
	core/out.c \
	core/qset.c \
	core/qstore.c \
	core/sbuf.c \
	core/schema.c \
	core/sha256.c \
	core/store.c \
	core/text.c \
	core/yaml.c
