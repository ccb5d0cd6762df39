-- Secondary indexes that a run drops before loading a big table and rebuilds after it.
-- A definition is recorded here before its index is dropped, so that an index is never lost:
-- if a run dies between the drop and the rebuild, the next run finds it here (status 'pending'
-- or 'failed', and no such index in the target) and builds it.

CREATE TABLE run_index (
    run_id       bigint  NOT NULL REFERENCES run ON DELETE CASCADE,
    schema_name  text    NOT NULL,
    table_name   text    NOT NULL,
    index_name   text    NOT NULL,
    definition   text    NOT NULL,
    comment      text,
    status       text    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    seconds      double precision,
    error        text,
    PRIMARY KEY (run_id, schema_name, index_name)
);

COMMENT ON TABLE run_index IS 'Indexes dropped for a faster load; pending until rebuilt.';
