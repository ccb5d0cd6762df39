-- Rows a run could not carry (rejected, under --max-rejects) and values it changed under the
-- value policy (--on-nul strip|replace, --on-zero-date null). Written in the chunk's own
-- transaction, so they are exactly the issues of the rows that chunk committed; a failed chunk
-- records the row that stopped it. The reject files are written from here.

ALTER TABLE run_chunk
    ADD COLUMN rows_rejected  bigint NOT NULL DEFAULT 0,
    ADD COLUMN values_changed bigint NOT NULL DEFAULT 0;

CREATE TABLE run_row_issue (
    run_id      bigint  NOT NULL,
    table_name  text    NOT NULL,
    chunk_no    integer NOT NULL,
    seq         integer NOT NULL,
    kind        text    NOT NULL CHECK (kind IN ('rejected', 'changed')),
    row_key     text    NOT NULL,
    column_name text    NOT NULL,
    reason      text    NOT NULL,
    excerpt     text,
    PRIMARY KEY (run_id, table_name, chunk_no, seq),
    FOREIGN KEY (run_id, table_name, chunk_no) REFERENCES run_chunk ON DELETE CASCADE
);

COMMENT ON TABLE run_row_issue IS 'Rows rejected and values changed, per chunk, with the row''s key.';
