-- The owner of one schema; no row when the schema does not exist.
SELECT pg_catalog.pg_get_userbyid(nspowner) AS schema_owner
  FROM pg_catalog.pg_namespace
 WHERE nspname = ?
