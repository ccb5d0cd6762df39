-- The next AUTO_INCREMENT value of every table that has one, read again at completion time
-- (rows inserted during the copy move it on).
SELECT TABLE_NAME     AS table_name,
       AUTO_INCREMENT AS auto_increment
  FROM information_schema.TABLES
 WHERE TABLE_SCHEMA = ?
   AND AUTO_INCREMENT IS NOT NULL
