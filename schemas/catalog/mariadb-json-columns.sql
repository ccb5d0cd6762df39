-- MariaDB's JSON type is LONGTEXT with a CHECK (json_valid(`column`)) constraint; information_schema
-- reports such a column as longtext. These constraints tell which columns are JSON.
SELECT TABLE_NAME   AS table_name,
       CHECK_CLAUSE AS check_clause
  FROM information_schema.CHECK_CONSTRAINTS
 WHERE CONSTRAINT_SCHEMA = ?
   AND CHECK_CLAUSE LIKE 'json_valid(%'
