# survey/: one line per source file
SURVEY_SRC =
