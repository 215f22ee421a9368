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
	bin/cmd_survey.c \
	bin/interview.c \
	bin/otasuke.c \
	bin/render.c \
	bin/stubs.c \
	bin/util.c

# bin/ sources of the drawing module (bin/render.h)
MODULE_SRC = \
	bin/cmd_report.c
