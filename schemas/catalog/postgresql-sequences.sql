-- The sequence behind each column of one schema's tables: sequences OWNED BY a column
-- (serial and identity columns, Moodle's mdl_<table>_id_seq), and sequences a column's
-- default merely calls with nextval().
SELECT tc.relname  AS table_name,
       a.attname   AS column_name,
       sn.nspname  AS sequence_schema,
       s.relname   AS sequence_name,
       pg_catalog.pg_get_userbyid(s.relowner) AS sequence_owner,
       true        AS owned,
       sq.seqmin   AS min_value,
       sq.seqmax   AS max_value
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_class s ON s.oid = d.objid AND s.relkind = 'S'
  JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
  JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = s.oid
  JOIN pg_catalog.pg_class tc ON tc.oid = d.refobjid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = tc.oid AND a.attnum = d.refobjsubid
 WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
   AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
   AND d.deptype IN ('a', 'i')
   AND tn.nspname = ?
UNION ALL
SELECT tc.relname, a.attname, sn.nspname, s.relname,
       pg_catalog.pg_get_userbyid(s.relowner), false, sq.seqmin, sq.seqmax
  FROM pg_catalog.pg_attrdef ad
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass
                             AND d.objid = ad.oid
                             AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                             AND d.deptype = 'n'
  JOIN pg_catalog.pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
  JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
  JOIN pg_catalog.pg_sequence sq ON sq.seqrelid = s.oid
  JOIN pg_catalog.pg_class tc ON tc.oid = ad.adrelid
  JOIN pg_catalog.pg_namespace tn ON tn.oid = tc.relnamespace
  JOIN pg_catalog.pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
 WHERE tn.nspname = ?
