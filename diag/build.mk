# diag/: one line per source file
DIAG_SRC = \
	diag/action.c \
	diag/answers.c \
	diag/compare.c \
	diag/import.c \
	diag/json.c \
	diag/list.c \
	diag/peers.c \
	diag/peers_cache.c \
	diag/reference.c \
	diag/score.c \
	diag/set_cache.c
