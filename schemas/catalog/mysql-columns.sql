-- Columns of every table of one source database, with the full COLUMN_TYPE
-- (display width, unsigned, enum members) and generation expressions.
SELECT TABLE_NAME            AS table_name,
       COLUMN_NAME           AS column_name,
       ORDINAL_POSITION      AS ordinal_position,
       COLUMN_DEFAULT        AS column_default,
       IS_NULLABLE           AS is_nullable,
       DATA_TYPE             AS data_type,
       COLUMN_TYPE           AS column_type,
       CHARACTER_SET_NAME    AS character_set_name,
       COLLATION_NAME        AS collation_name,
       EXTRA                 AS extra,
       GENERATION_EXPRESSION AS generation_expression,
       COLUMN_COMMENT        AS column_comment
  FROM information_schema.COLUMNS
 WHERE TABLE_SCHEMA = ?
 ORDER BY TABLE_NAME, ORDINAL_POSITION
