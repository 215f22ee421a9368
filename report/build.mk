# report/: one line per source file
REPORT_SRC =
