package org.moodlemigrate.verify;

import java.util.List;
import java.util.Map;

/**
 * Somewhere other than the verifier's own threads to verify chunks: the workers of a Beam runner
 * (a Flink cluster), so that verification scales with the copy ({@code VerifyPipeline}).
 */
public interface VerifyWorkers {
  /**
   * Verifies every chunk; returns each result by its work's {@link VerifyWork#index()}. A chunk
   * that could not be verified has a result with its error.
   *
   * @throws InterruptedException when the calling thread is interrupted
   */
  Map<Integer, ChunkResult> verify(List<VerifyWork> work, VerifyLevel level)
      throws InterruptedException;
}
