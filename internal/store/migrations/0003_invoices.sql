-- Invoices and credit notes, payments, exchange rates.
-- An issued document never changes: triggers refuse any edit but its
-- cancellation by a full credit note, and refuse deleting it. Numbers are
-- unique and gapless per kind and year, checked here as well as in Go.

CREATE TABLE invoices (
	id           INTEGER PRIMARY KEY,
	kind         TEXT    NOT NULL CHECK (kind IN ('invoice', 'credit')),
	client_id    INTEGER NOT NULL REFERENCES clients (id),
	status       TEXT    NOT NULL CHECK (status IN ('draft', 'issued', 'cancelled')),
	year         INTEGER,
	seq          INTEGER CHECK (seq > 0),
	number       TEXT UNIQUE,
	period_year  INTEGER NOT NULL,
	period_month INTEGER NOT NULL CHECK (period_month BETWEEN 1 AND 12),
	issue_date   TEXT,
	due_date     TEXT,
	currency     TEXT    NOT NULL,
	subtotal     TEXT    NOT NULL,
	total        TEXT    NOT NULL,
	carry_in     TEXT    NOT NULL DEFAULT '0',
	carry_out    TEXT    NOT NULL DEFAULT '0',
	corrects_id  INTEGER REFERENCES invoices (id),
	doc          TEXT    NOT NULL,
	content_hash TEXT,
	created_at   INTEGER NOT NULL,
	issued_at    INTEGER,
	UNIQUE (kind, year, seq),
	CHECK ((status = 'draft') = (number IS NULL)),
	CHECK ((number IS NULL) = (seq IS NULL) AND (seq IS NULL) = (year IS NULL)),
	CHECK (kind = 'invoice' OR (corrects_id IS NOT NULL AND status <> 'draft'))
) STRICT;

-- One live monthly invoice per client and month (a cancelled one may be redone).
CREATE UNIQUE INDEX invoices_one_per_month ON invoices (client_id, period_year, period_month)
	WHERE kind = 'invoice' AND status <> 'cancelled';
CREATE INDEX invoices_client ON invoices (client_id);
CREATE INDEX invoices_corrects ON invoices (corrects_id);

CREATE TRIGGER invoices_gapless_insert BEFORE INSERT ON invoices
WHEN NEW.seq IS NOT NULL AND NEW.seq <> 1 + coalesce(
	(SELECT max(seq) FROM invoices WHERE kind = NEW.kind AND year = NEW.year), 0)
BEGIN
	SELECT RAISE(ABORT, 'document numbers must be gapless');
END;

CREATE TRIGGER invoices_gapless_issue BEFORE UPDATE OF seq ON invoices
WHEN NEW.seq IS NOT NULL AND OLD.seq IS NULL AND NEW.seq <> 1 + coalesce(
	(SELECT max(seq) FROM invoices WHERE kind = NEW.kind AND year = NEW.year), 0)
BEGIN
	SELECT RAISE(ABORT, 'document numbers must be gapless');
END;

CREATE TRIGGER invoices_frozen BEFORE UPDATE ON invoices
WHEN OLD.status <> 'draft' AND NOT (
	OLD.status = 'issued' AND NEW.status = 'cancelled'
	AND NEW.kind IS OLD.kind AND NEW.client_id IS OLD.client_id AND NEW.year IS OLD.year
	AND NEW.seq IS OLD.seq AND NEW.number IS OLD.number AND NEW.period_year IS OLD.period_year
	AND NEW.period_month IS OLD.period_month AND NEW.issue_date IS OLD.issue_date
	AND NEW.due_date IS OLD.due_date AND NEW.currency IS OLD.currency AND NEW.subtotal IS OLD.subtotal
	AND NEW.total IS OLD.total AND NEW.carry_in IS OLD.carry_in AND NEW.carry_out IS OLD.carry_out
	AND NEW.corrects_id IS OLD.corrects_id AND NEW.doc IS OLD.doc AND NEW.content_hash IS OLD.content_hash
	AND NEW.created_at IS OLD.created_at AND NEW.issued_at IS OLD.issued_at)
BEGIN
	SELECT RAISE(ABORT, 'an issued document never changes: issue a credit note to correct it');
END;

CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices
WHEN OLD.status <> 'draft'
BEGIN
	SELECT RAISE(ABORT, 'an issued document cannot be deleted: issue a credit note to correct it');
END;

-- What an issued invoice billed. Entries and fixed tasks on a live invoice
-- are locked until a full credit note cancels it.
ALTER TABLE entries ADD COLUMN invoice_id INTEGER REFERENCES invoices (id);
ALTER TABLE tasks ADD COLUMN invoice_id INTEGER REFERENCES invoices (id);
CREATE INDEX entries_invoice ON entries (invoice_id) WHERE invoice_id IS NOT NULL;

CREATE TRIGGER entries_locked_update BEFORE UPDATE ON entries
WHEN OLD.invoice_id IS NOT NULL AND NOT (NEW.invoice_id IS NULL
	AND (SELECT status FROM invoices WHERE id = OLD.invoice_id) = 'cancelled'
	AND NEW.task_id IS OLD.task_id AND NEW.start_at IS OLD.start_at AND NEW.end_at IS OLD.end_at
	AND NEW.urgency IS OLD.urgency AND NEW.non_billable IS OLD.non_billable AND NEW.note IS OLD.note)
BEGIN
	SELECT RAISE(ABORT, 'this entry is on an issued invoice: credit the invoice to change it');
END;

CREATE TRIGGER entries_locked_delete BEFORE DELETE ON entries
WHEN OLD.invoice_id IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'this entry is on an issued invoice: credit the invoice to change it');
END;

CREATE TABLE payments (
	id         INTEGER PRIMARY KEY,
	invoice_id INTEGER NOT NULL REFERENCES invoices (id),
	paid_on    TEXT    NOT NULL,
	amount     TEXT    NOT NULL,
	method     TEXT    NOT NULL DEFAULT '',
	note       TEXT    NOT NULL DEFAULT '',
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX payments_invoice ON payments (invoice_id);

-- 1 base = rate quote on a day. ECB rows are base EUR; a rate typed by hand
-- is 1 unit of a currency in the home currency.
CREATE TABLE rates (
	base   TEXT NOT NULL,
	quote  TEXT NOT NULL,
	day    TEXT NOT NULL,
	rate   TEXT NOT NULL,
	source TEXT NOT NULL,
	PRIMARY KEY (base, quote, day)
) STRICT;
