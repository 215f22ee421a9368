# alerts/: one line per source file
ALERTS_SRC =
