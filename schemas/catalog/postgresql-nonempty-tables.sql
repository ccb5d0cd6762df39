-- Tables of one schema whose heap file is not empty. A zero-byte heap holds no row, so such a
-- table needs no TRUNCATE (which costs a new file per table, index and TOAST relation: seconds
-- on a fresh Moodle schema of ~2,000 relations). Partitioned tables have no heap of their own
-- and are always listed.
SELECT c.relname AS table_name
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = ?
   AND (c.relkind = 'p' OR (c.relkind = 'r' AND pg_catalog.pg_relation_size(c.oid) > 0))
