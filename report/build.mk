# report/: one line per source file
REPORT_SRC = \
	report/survey_xlsx.c
