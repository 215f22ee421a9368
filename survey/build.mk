# survey/: one line per source file
SURVEY_SRC = \
	survey/crosstab.c \
	survey/import.c \
	survey/norm.c \
	survey/output.c \
	survey/pool.c \
	survey/response.c \
	survey/tally.c
