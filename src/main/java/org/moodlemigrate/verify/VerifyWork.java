package org.moodlemigrate.verify;

import java.io.Serializable;
import org.moodlemigrate.plan.Chunk;
import org.moodlemigrate.plan.TablePlan;

/**
 * One chunk to verify, as the verification pipeline carries it to a worker: the table's plan (from
 * which the worker builds its queries, as the driver would) and the chunk.
 *
 * @param index the chunk's place in the verification's list, by which its result comes back
 * @param plan the table's plan
 * @param sourceDatabase the source database the table lives in
 * @param chunk the key range
 */
public record VerifyWork(int index, TablePlan plan, String sourceDatabase, Chunk chunk)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
