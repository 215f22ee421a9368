# diag/: one line per source file
DIAG_SRC =
