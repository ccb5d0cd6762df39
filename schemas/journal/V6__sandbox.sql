-- A sandbox refresh: which columns the anonymisation rules changed (so that verify compares the
-- rest) and which tables they emptied; how many values each chunk changed; and the sandbox's own
-- rows kept across the load (read before the truncate, written back after the copy), here so
-- that a refresh killed in between does not lose them.

ALTER TABLE run_chunk
    ADD COLUMN values_anonymised bigint NOT NULL DEFAULT 0;

-- One row per anonymised column; column_name NULL for a table the rules empty.
CREATE TABLE run_anonymised (
    run_id       bigint NOT NULL REFERENCES run ON DELETE CASCADE,
    table_name   text   NOT NULL,
    column_name  text,
    rule         text   NOT NULL,
    UNIQUE (run_id, table_name, column_name)
);

CREATE TABLE preserved_row (
    run_id       bigint NOT NULL REFERENCES run ON DELETE CASCADE,
    seq          integer NOT NULL,
    table_name   text   NOT NULL,
    key_column   text   NOT NULL,
    key_value    text   NOT NULL,
    row_values   jsonb  NOT NULL,
    PRIMARY KEY (run_id, seq)
);
