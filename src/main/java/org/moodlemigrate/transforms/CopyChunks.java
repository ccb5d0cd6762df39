package org.moodlemigrate.transforms;

import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.PCollection;

/**
 * Copies tasks of chunks into the target: a {@link Reshuffle} spreads the tasks over the workers
 * (and breaks fusion with the step that created them, so they are not all copied by one thread),
 * then {@link CopyChunkFn} copies each.
 */
public final class CopyChunks extends PTransform<PCollection<CopyWork>, PCollection<ChunkOutcome>> {
  private static final long serialVersionUID = 1L;

  private final CopyJob job;

  public CopyChunks(CopyJob job) {
    this.job = job;
  }

  @Override
  public PCollection<ChunkOutcome> expand(PCollection<CopyWork> tasks) {
    return tasks
        .apply("Spread tasks over workers", Reshuffle.viaRandomKey())
        .apply("Copy chunk", ParDo.of(new CopyChunkFn(job)))
        .setCoder(SerializableCoder.of(ChunkOutcome.class));
  }
}
