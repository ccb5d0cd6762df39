-- Index columns of every table of one source database, primary keys included (INDEX_NAME = 'PRIMARY').
-- COLUMN_NAME is NULL for MySQL 8 functional key parts.
SELECT TABLE_NAME   AS table_name,
       INDEX_NAME   AS index_name,
       NON_UNIQUE   AS non_unique,
       SEQ_IN_INDEX AS seq_in_index,
       COLUMN_NAME  AS column_name,
       SUB_PART     AS sub_part,
       INDEX_TYPE   AS index_type
  FROM information_schema.STATISTICS
 WHERE TABLE_SCHEMA = ?
 ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX
