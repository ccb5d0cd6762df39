package org.moodlemigrate.pipelines;

import java.util.List;
import javax.sql.DataSource;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.SharedDataSources;
import org.moodlemigrate.connect.WorkerEnvironmentException;
import org.moodlemigrate.plan.CopyTask;
import org.moodlemigrate.settings.RunnerSettings;
import org.moodlemigrate.transforms.CopyChunks;
import org.moodlemigrate.transforms.CopyJob;
import org.moodlemigrate.transforms.CopyWork;
import org.moodlemigrate.transforms.EmptyTableBatch;

/**
 * Assembles and runs the copy pipeline: {@code Create(tasks) → Reshuffle → CopyChunkFn}.
 *
 * <p>The pipeline carries chunks, never rows, each task with the specs of its own tables ({@link
 * CopyWork}); rows flow inside a DoFn from a streaming source result set into a COPY stream, so the
 * runner never holds or serialises row data. It runs on the direct runner (the default) or on
 * Flink ({@code --runner flink}: Flink's local cluster, or an existing cluster with {@code
 * --flink-master}; docs/distributed.md): the same pipeline, with at most {@code --parallelism}
 * chunks copied at once however many task managers share them. The job it serialises holds no
 * password ({@link org.moodlemigrate.connect.Secret}).
 */
public final class CopyPipeline {
  private CopyPipeline() {}

  /**
   * Options for a run with {@code parallelism} concurrent chunk copies on the chosen runner.
   *
   * @throws IllegalStateException when the Flink runner is chosen but not on the class path
   *     ({@link FlinkLibraries})
   */
  public static PipelineOptions options(int parallelism, RunnerSettings runner) {
    PipelineOptions options =
        PipelineOptionsFactory.fromArgs(runner.beamArgs().toArray(String[]::new))
            .withValidation()
            .create();
    options.setJobName("moodle-migrate");
    if (runner.kind() == RunnerSettings.Kind.FLINK) {
      FlinkLibraries.problem()
          .ifPresent(
              problem -> {
                throw new IllegalStateException(problem);
              });
      FlinkRunnerOptions.apply(options, runner, parallelism);
      return options;
    }
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setTargetParallelism(parallelism);
    direct.setBlockOnRun(true);
    // The direct runner's checks that a DoFn does not change its input and that every element
    // survives its coder: they encode and compare each element again around every bundle, 8 % of
    // the tool's CPU on a 3-million-row site. The elements are immutable records (CopyWork,
    // ChunkOutcome) whose coder round trip ChunkOnceIT proves, so the checks find nothing here.
    direct.setEnforceImmutability(false);
    direct.setEnforceEncodability(false);
    return options;
  }

  /**
   * Runs an empty pipeline on the direct runner in a background thread and returns at once.
   *
   * <p>The first pipeline of a JVM costs seconds of class loading and runner set-up (measured: 4 s
   * on 2 cores, 0.5 s for the next one); a run spends about as long reading catalogs and planning,
   * mostly waiting on the servers. Doing both at once takes that cost off the run's wall time. Does
   * nothing when another runner is chosen.
   */
  public static Thread warmUp(RunnerSettings runner) {
    Thread thread =
        new Thread(
            () -> {
              try {
                Pipeline pipeline = Pipeline.create(options(1, runner));
                pipeline
                    .apply(
                        "warm-up",
                        Create.of(List.of(new CopyTask(List.of())))
                            .withCoder(SerializableCoder.of(CopyTask.class)))
                    .apply(
                        "warm-up: spread", org.apache.beam.sdk.transforms.Reshuffle.viaRandomKey());
                pipeline.run().waitUntilFinish();
              } catch (RuntimeException e) {
                // Only a warm-up: the real pipeline reports real problems.
              }
            },
            "beam-warm-up");
    thread.setDaemon(true);
    if (runner.kind() == RunnerSettings.Kind.DIRECT) {
      thread.start();
    }
    return thread;
  }

  /**
   * Runs the pipeline and waits for its end. A worker that lacks what the run needs on its machine
   * ({@link WorkerEnvironmentException}) fails the pipeline deep inside the runner's own
   * exceptions (Flink wraps it in three); its message is the run's failure.
   *
   * @param workers what the workers do, for that message: {@code copy}, {@code verification}
   */
  static PipelineResult.State runToTheEnd(Pipeline pipeline, String workers) {
    try {
      return pipeline.run().waitUntilFinish();
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof WorkerEnvironmentException w) {
          throw new WorkerEnvironmentException(
              "a " + workers + " worker cannot start: " + w.getMessage());
        }
      }
      throw e;
    }
  }

  /**
   * Copies the tasks and waits for the end: the empty tables first, in a few statements for all of
   * them ({@link EmptyTableBatch}), then the rest through the pipeline.
   *
   * @throws IllegalStateException when the pipeline itself fails (a chunk's failure does not fail
   *     the pipeline: it is recorded in the journal)
   */
  public static void run(
      String stepPrefix, CopyJob job, List<CopyTask> tasks, PipelineOptions options) {
    run(stepPrefix, job, tasks, options, true);
  }

  /**
   * As {@link #run(String, CopyJob, List, PipelineOptions)}, for workers that may run in other
   * JVMs ({@link RunnerSettings#workersInThisJvm()} false): the driver's own copy pools, which
   * copied the empty tables, are then closed before the pipeline starts, since the workers open
   * their own and the connections the run may hold are counted once ({@code ConnectionBudget}).
   */
  public static void run(
      String stepPrefix,
      CopyJob job,
      List<CopyTask> tasks,
      PipelineOptions options,
      boolean workersInThisJvm) {
    if (tasks.isEmpty()) {
      return;
    }
    // Held through the pipeline when the workers are in this JVM: its copy DoFn shares the pools
    // rather than opening its own after these are closed.
    DataSource source =
        SharedDataSources.acquire(
            job.source(),
            ConnectionRole.SOURCE_READ,
            job.connectionsPerSide(),
            job.serverTimeout());
    DataSource target =
        SharedDataSources.acquire(
            job.target(),
            ConnectionRole.TARGET_WRITE,
            job.connectionsPerSide(),
            job.serverTimeout());
    boolean released = false;
    try {
      List<CopyTask> rest = EmptyTableBatch.copy(source, target, job, tasks);
      if (rest.isEmpty()) {
        return;
      }
      if (!workersInThisJvm) {
        SharedDataSources.release(job.source(), ConnectionRole.SOURCE_READ);
        SharedDataSources.release(job.target(), ConnectionRole.TARGET_WRITE);
        released = true;
      }
      Pipeline pipeline = Pipeline.create(options);
      pipeline
          .apply(
              stepPrefix + ": plan",
              Create.of(CopyWork.of(rest, job)).withCoder(SerializableCoder.of(CopyWork.class)))
          .apply(stepPrefix + ": copy", new CopyChunks(job));
      PipelineResult.State state = runToTheEnd(pipeline, "copy");
      if (state != PipelineResult.State.DONE) {
        throw new IllegalStateException("the copy pipeline ended in state " + state);
      }
    } finally {
      if (!released) {
        SharedDataSources.release(job.source(), ConnectionRole.SOURCE_READ);
        SharedDataSources.release(job.target(), ConnectionRole.TARGET_WRITE);
      }
    }
  }
}
