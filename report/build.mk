# report/: one line per source file
REPORT_SRC = \
	report/alerts_xlsx.c \
	report/survey_xlsx.c
