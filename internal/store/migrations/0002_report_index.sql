-- "Where time goes" sums durations per task over long periods. A covering
-- index lets SQLite answer from the index alone instead of visiting every row.
CREATE INDEX entries_task_time ON entries (task_id, start_at, end_at);
