# report/: one line per source file
REPORT_SRC = \
	report/alerts_xlsx.c \
	report/batch.c \
	report/canvas.c \
	report/chart_bar.c \
	report/chart_radar.c \
	report/chart_scatter.c \
	report/doc.c \
	report/fill.c \
	report/region.c \
	report/region_pdf.c \
	report/region_xlsx.c \
	report/font.c \
	report/pdf.c \
	report/sheet.c \
	report/surface.c \
	report/survey_pdf.c \
	report/survey_xlsx.c \
	report/texts.c \
	report/ttf.c \
	report/xlsx_util.c
