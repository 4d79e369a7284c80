-- Clients, their tasks and the time entries: the record of the VA's work.
-- Instants are UTC unix seconds; money is decimal text with its currency beside it.

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

CREATE TABLE clients (
	id             INTEGER PRIMARY KEY,
	name           TEXT    NOT NULL COLLATE NOCASE UNIQUE CHECK (trim(name) <> ''),
	currency       TEXT    NOT NULL CHECK (length(currency) = 3),
	rate           TEXT    NOT NULL,
	address        TEXT    NOT NULL DEFAULT '',
	tax_id         TEXT    NOT NULL DEFAULT '',
	email          TEXT    NOT NULL DEFAULT '',
	lang           TEXT    NOT NULL DEFAULT 'en',
	country        TEXT    NOT NULL DEFAULT '',
	tz             TEXT    NOT NULL DEFAULT 'UTC',
	terms_days     INTEGER NOT NULL DEFAULT 30 CHECK (terms_days >= 0),
	rounding       TEXT    NOT NULL DEFAULT '',
	urgent         TEXT    NOT NULL DEFAULT '1.5',
	rush           TEXT    NOT NULL DEFAULT '2',
	notice_days    INTEGER NOT NULL DEFAULT 0 CHECK (notice_days >= 0),
	retainer_fee   TEXT,
	retainer_hours TEXT,
	overage_rate   TEXT,
	rollover_cap   TEXT,
	note           TEXT    NOT NULL DEFAULT '',
	archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
	created_at     INTEGER NOT NULL,
	CHECK ((retainer_fee IS NULL) = (retainer_hours IS NULL))
) STRICT;

CREATE TABLE client_taxes (
	client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
	pos       INTEGER NOT NULL,
	name      TEXT    NOT NULL,
	pct       TEXT    NOT NULL,
	PRIMARY KEY (client_id, pos)
) STRICT;

CREATE TABLE tasks (
	id           INTEGER PRIMARY KEY,
	client_id    INTEGER NOT NULL REFERENCES clients (id),
	name         TEXT    NOT NULL COLLATE NOCASE CHECK (trim(name) <> ''),
	kind         TEXT    NOT NULL DEFAULT 'hourly' CHECK (kind IN ('hourly', 'fixed', 'non-billable')),
	rate         TEXT,
	price        TEXT,
	urgency      TEXT    NOT NULL DEFAULT '' CHECK (urgency IN ('', 'normal', 'urgent', 'rush')),
	requested_at INTEGER,
	due_at       INTEGER,
	done_at      INTEGER,
	created_at   INTEGER NOT NULL,
	UNIQUE (client_id, name),
	CHECK (kind <> 'fixed' OR price IS NOT NULL)
) STRICT;

CREATE TABLE entries (
	id           INTEGER PRIMARY KEY,
	task_id      INTEGER NOT NULL REFERENCES tasks (id),
	start_at     INTEGER NOT NULL,
	end_at       INTEGER CHECK (end_at IS NULL OR end_at > start_at),
	urgency      TEXT    NOT NULL DEFAULT '' CHECK (urgency IN ('', 'normal', 'urgent', 'rush')),
	non_billable INTEGER NOT NULL DEFAULT 0 CHECK (non_billable IN (0, 1)),
	note         TEXT    NOT NULL DEFAULT '',
	source_key   TEXT UNIQUE
) STRICT;

-- At most one timer runs: the schema refuses a second open entry.
CREATE UNIQUE INDEX entries_one_running ON entries (end_at IS NULL) WHERE end_at IS NULL;
CREATE INDEX entries_start ON entries (start_at);
CREATE INDEX tasks_client ON tasks (client_id);
