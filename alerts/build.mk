# alerts/: one line per source file
ALERTS_SRC = \
	alerts/catalog.c \
	alerts/date.c \
	alerts/eve.c \
	alerts/import.c
