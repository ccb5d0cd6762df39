-- Secondary indexes of one schema that may be dropped before a bulk load and rebuilt after it
-- from their definition: not backing a constraint (primary keys and unique constraints stay),
-- not unique (uniqueness stays enforced during the load), valid, in the default tablespace,
-- not the table's CLUSTER or replica-identity index.
SELECT t.relname                                AS table_name,
       ic.relname                               AS index_name,
       pg_catalog.pg_get_indexdef(i.indexrelid) AS definition,
       pg_catalog.obj_description(i.indexrelid, 'pg_class') AS comment
  FROM pg_catalog.pg_index i
  JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
  JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = ?
   AND NOT i.indisunique
   AND i.indisvalid
   AND NOT i.indisclustered
   AND NOT i.indisreplident
   AND ic.reltablespace = 0
   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con WHERE con.conindid = i.indexrelid)
 ORDER BY t.relname, ic.relname
