# bin/: the otasuke front-end
BIN_SRC = \
	bin/cmd_alerts.c \
	bin/cmd_company.c \
	bin/cmd_config.c \
	bin/cmd_db.c \
	bin/cmd_demo.c \
	bin/cmd_diag.c \
	bin/cmd_incident.c \
	bin/cmd_init.c \
	bin/cmd_questions.c \
	bin/cmd_report.c \
	bin/cmd_survey.c \
	bin/interview.c \
	bin/otasuke.c \
	bin/stubs.c \
	bin/util.c
