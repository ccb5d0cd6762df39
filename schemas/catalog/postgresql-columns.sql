-- Ordinary and partitioned tables of one schema with their live columns.
-- type_name resolves domains to their base type; typmod follows it.
SELECT c.relname                             AS table_name,
       pg_catalog.pg_get_userbyid(c.relowner) AS table_owner,
       pg_catalog.obj_description(c.oid, 'pg_class') AS table_comment,
       c.reltuples::bigint                   AS rows_estimate,
       a.attname                             AS column_name,
       a.attnum                              AS position,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS formatted_type,
       COALESCE(bt.typname, t.typname)       AS type_name,
       COALESCE(bt.typtype, t.typtype)       AS type_kind,
       CASE WHEN t.typtype = 'd' THEN t.typtypmod ELSE a.atttypmod END AS typmod,
       a.attnotnull                          AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS default_expression,
       a.attidentity                         AS identity,
       a.attgenerated <> ''                  AS generated
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  LEFT JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_catalog.pg_type bt ON bt.oid = t.typbasetype AND t.typtype = 'd'
  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname = ?
   AND c.relkind IN ('r', 'p')
   AND NOT c.relispartition
 ORDER BY c.relname, a.attnum
