-- The copy digest: rows of a chunk that both servers digested and found equal before it
-- committed (NULL when the chunk was not digested: --no-copy-digest, or more changed rows than it
-- can leave out). What exit status 0 proves is read from here.

ALTER TABLE run_chunk
    ADD COLUMN rows_digested bigint;
