package org.moodlemigrate.transforms;

import javax.sql.DataSource;
import org.apache.beam.sdk.transforms.DoFn;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.EndpointFiles;
import org.moodlemigrate.connect.SharedDataSources;
import org.moodlemigrate.plan.Chunk;

/**
 * Copies the chunks of a task ({@link CopyWork}), one transaction each, and emits one {@link
 * ChunkOutcome} per chunk.
 *
 * <p>A failing chunk does not fail the bundle: its failure is recorded in the journal and emitted,
 * and the next chunk goes on, so one bad table never stops the others. Pools are shared per JVM
 * ({@link SharedDataSources}) and bounded by {@link CopyJob#connectionsPerSide()}.
 */
public final class CopyChunkFn extends DoFn<CopyWork, ChunkOutcome> {
  private static final long serialVersionUID = 1L;

  private final CopyJob job;
  private transient DataSource source;
  private transient DataSource target;

  /** Holds the job without its table specs: each element brings its own ({@link CopyWork}). */
  public CopyChunkFn(CopyJob job) {
    this.job = job.withoutTables();
  }

  @Setup
  public void setup() {
    // On a cluster this runs on each task manager: the TLS files the URIs name must be there too.
    EndpointFiles.requireOnThisMachine(job.source(), "source");
    EndpointFiles.requireOnThisMachine(job.target(), "target");
    source =
        SharedDataSources.acquire(
            job.source(),
            ConnectionRole.SOURCE_READ,
            job.connectionsPerSide(),
            job.serverTimeout());
    target =
        SharedDataSources.acquire(
            job.target(),
            ConnectionRole.TARGET_WRITE,
            job.connectionsPerSide(),
            job.serverTimeout());
  }

  @ProcessElement
  public void processElement(@Element CopyWork work, OutputReceiver<ChunkOutcome> out) {
    ChunkCopier copier = new ChunkCopier(source, target, job.withTables(work.specs()));
    for (Chunk chunk : work.task().chunks()) {
      out.output(copier.copy(chunk));
    }
  }

  @Teardown
  public void teardown() {
    if (source != null) {
      SharedDataSources.release(job.source(), ConnectionRole.SOURCE_READ);
      source = null;
    }
    if (target != null) {
      SharedDataSources.release(job.target(), ConnectionRole.TARGET_WRITE);
      target = null;
    }
  }
}
