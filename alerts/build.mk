# alerts/: one line per source file
ALERTS_SRC = \
	alerts/catalog.c \
	alerts/check.c \
	alerts/date.c \
	alerts/eve.c \
	alerts/import.c \
	alerts/incident.c \
	alerts/mismatch.c \
	alerts/pool.c \
	alerts/stats.c \
	alerts/summary_import.c \
	alerts/zeek.c
