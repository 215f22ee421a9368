/* SPDX-License-Identifier: MIT */
/*
 * The schema, as a list of forward migrations: migrations[i] takes a
 * database from user_version i to i + 1. Never edit a released step; add
 * a new one and raise STORE_SCHEMA_VERSION.
 */
#include "core/internal.h"

static const char v1[] =
	"CREATE TABLE config ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE company ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),"
	"  industry TEXT NOT NULL"
	"    CHECK (length(industry) = 1 AND industry BETWEEN 'A' AND 'T'),"
	"  employees INTEGER CHECK (employees IS NULL OR employees >= 0),"
	"  pcs INTEGER CHECK (pcs IS NULL OR pcs >= 0),"
	"  region TEXT,"
	"  contact TEXT,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	");"

	"CREATE TABLE asset ("
	"  id INTEGER PRIMARY KEY,"
	"  company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,"
	"  ip TEXT,"
	"  mac TEXT,"
	"  hostname TEXT,"
	"  owner TEXT,"
	"  location TEXT"
	");"
	"CREATE INDEX asset_by_ip ON asset(company_id, ip);"

	/* Each version of a question set, with the YAML it was loaded from. */
	"CREATE TABLE qset ("
	"  id INTEGER PRIMARY KEY,"
	"  set_id TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('diagnosis', 'survey')),"
	"  sha256 TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  loaded_at TEXT NOT NULL,"
	"  UNIQUE (set_id, version)"
	");"

	/* One diagnosis of one company under one question-set version. */
	"CREATE TABLE assessment ("
	"  id INTEGER PRIMARY KEY,"
	"  company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,"
	"  qset_id INTEGER NOT NULL REFERENCES qset(id),"
	"  started_at TEXT NOT NULL,"
	"  completed_at TEXT,"
	"  consultant TEXT"
	");"
	"CREATE INDEX assessment_by_company ON assessment(company_id, qset_id);"

	/* option NULL: skipped (maybe with a note). */
	"CREATE TABLE answer ("
	"  assessment_id INTEGER NOT NULL"
	"    REFERENCES assessment(id) ON DELETE CASCADE,"
	"  question TEXT NOT NULL,"
	"  option TEXT,"
	"  note TEXT,"
	"  answered_at TEXT NOT NULL,"
	"  PRIMARY KEY (assessment_id, question)"
	") WITHOUT ROWID;"

	/* Published averages, used when there are too few peers. */
	"CREATE TABLE reference_avg ("
	"  set_id TEXT NOT NULL,"
	"  industry TEXT NOT NULL,"
	"  category TEXT NOT NULL,"
	"  score REAL NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  source TEXT NOT NULL,"
	"  PRIMARY KEY (set_id, industry, category)"
	") WITHOUT ROWID;"

	/* Files imported, by content hash, so a re-import is noticed. */
	"CREATE TABLE import ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL,"
	"  path TEXT,"
	"  records INTEGER NOT NULL DEFAULT 0,"
	"  imported_at TEXT NOT NULL,"
	"  UNIQUE (kind, sha256)"
	");"

	"CREATE TABLE survey_response ("
	"  id INTEGER PRIMARY KEY,"
	"  qset_id INTEGER NOT NULL REFERENCES qset(id),"
	"  company_id INTEGER REFERENCES company(id) ON DELETE SET NULL,"
	"  import_id INTEGER REFERENCES import(id) ON DELETE CASCADE,"
	"  respondent TEXT,"
	"  event TEXT,"
	"  submitted_at TEXT,"
	"  digest TEXT,"
	"  created_at TEXT NOT NULL"
	");"
	"CREATE INDEX survey_response_by_set ON survey_response(qset_id, event);"
	"CREATE UNIQUE INDEX survey_response_digest ON survey_response(digest)"
	"  WHERE digest IS NOT NULL;"

	/* choice '' for single/number/text answers; value: free text or number. */
	"CREATE TABLE survey_answer ("
	"  response_id INTEGER NOT NULL"
	"    REFERENCES survey_response(id) ON DELETE CASCADE,"
	"  question TEXT NOT NULL,"
	"  choice TEXT NOT NULL DEFAULT '',"
	"  value TEXT,"
	"  PRIMARY KEY (response_id, question, choice)"
	") WITHOUT ROWID;"

	/* Alert counts: a summary row, or EVE alerts aggregated per day. */
	"CREATE TABLE alert_count ("
	"  id INTEGER PRIMARY KEY,"
	"  company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,"
	"  import_id INTEGER REFERENCES import(id) ON DELETE CASCADE,"
	"  period_start TEXT NOT NULL,"
	"  period_end TEXT NOT NULL CHECK (period_end >= period_start),"
	"  event TEXT NOT NULL,"
	"  src_ip TEXT NOT NULL DEFAULT '',"
	"  count INTEGER NOT NULL CHECK (count >= 0)"
	");"
	"CREATE INDEX alert_count_by_company"
	"  ON alert_count(company_id, period_start);"
	"CREATE INDEX alert_count_by_period ON alert_count(period_start);"

	"CREATE TABLE incident ("
	"  id INTEGER PRIMARY KEY,"
	"  company_id INTEGER NOT NULL REFERENCES company(id) ON DELETE CASCADE,"
	"  date TEXT NOT NULL,"
	"  severity TEXT NOT NULL CHECK (severity IN ('high', 'medium', 'low')),"
	"  title TEXT NOT NULL,"
	"  detail TEXT,"
	"  action TEXT,"
	"  closed_at TEXT,"
	"  note TEXT"
	");"
	"CREATE INDEX incident_by_company ON incident(company_id, closed_at);";

const char *const store_migrations[] = { v1 };
const int store_nmigrations = sizeof(store_migrations) /
			      sizeof(*store_migrations);
