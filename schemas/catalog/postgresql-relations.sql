-- Every relation name of one schema (tables, indexes, sequences, views ...: they share one name
-- space), with the table an index or an owned sequence belongs to, so that names freed by
-- dropping a table can be told apart.
SELECT c.relname AS relation_name,
       COALESCE(it.relname, st.relname, c.relname) AS belongs_to
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
  LEFT JOIN pg_catalog.pg_class it ON it.oid = i.indrelid
  LEFT JOIN pg_catalog.pg_depend d ON d.objid = c.oid AND c.relkind = 'S' AND d.deptype IN ('a', 'i')
                                  AND d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
  LEFT JOIN pg_catalog.pg_class st ON st.oid = d.refobjid
 WHERE n.nspname = ?
