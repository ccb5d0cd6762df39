-- Tables and views of one source database.
-- TABLE_ROWS is an estimate for InnoDB; AUTO_INCREMENT is the next value the table would hand out.
SELECT TABLE_NAME      AS table_name,
       TABLE_TYPE      AS table_type,
       ENGINE          AS engine,
       TABLE_ROWS      AS table_rows,
       DATA_LENGTH     AS data_length,
       INDEX_LENGTH    AS index_length,
       AUTO_INCREMENT  AS auto_increment,
       TABLE_COLLATION AS table_collation,
       TABLE_COMMENT   AS table_comment
  FROM information_schema.TABLES
 WHERE TABLE_SCHEMA = ?
 ORDER BY TABLE_NAME
