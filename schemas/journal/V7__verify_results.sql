-- The verification pipeline's results, when its workers run outside the tool's process (a Flink
-- cluster): each worker writes the result of each chunk it verified here, the tool reads them all
-- once the pipeline ends and deletes them. A worker that runs again after a failure (Flink re-runs
-- a failed task) writes the same chunk's result again: one row per chunk of a verification.

CREATE TABLE verify_result (
    token      text        NOT NULL, -- one verification: a random id the tool made for it
    task       integer     NOT NULL, -- the chunk's place in the verification's list
    result     text        NOT NULL, -- the chunk's result (JSON)
    written_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (token, task)
);
