package org.moodlemigrate.settings;

import java.util.List;
import java.util.Locale;

/**
 * Which Beam runner copies the chunks, and where: {@code --runner}, {@code --flink-master}, and the
 * hidden {@code --beam-arg}s an expert passes to Beam unchanged.
 *
 * <p>The direct runner runs the workers as threads of the tool's own JVM; the Flink runner hands
 * the same pipeline to a Flink cluster, either one that Flink starts inside the tool's JVM ({@value
 * #LOCAL_MASTER}) or an existing one at {@code host:port}. Whether the workers run in this JVM
 * decides what the tool may share with them (pools, the live progress display), so it is asked
 * here, once ({@link #workersInThisJvm()}).
 *
 * @param kind the runner
 * @param flinkMaster with {@link Kind#FLINK}: {@value #LOCAL_MASTER} or the JobManager's {@code
 *     host:port} (its REST port); ignored otherwise
 * @param beamArgs extra Beam pipeline arguments, passed unchanged; usually empty
 */
public record RunnerSettings(Kind kind, String flinkMaster, List<String> beamArgs) {
  /** Flink's name for a cluster started inside this JVM for the job. */
  public static final String LOCAL_MASTER = "[local]";

  /** The runners the tool offers. */
  public enum Kind {
    DIRECT,
    FLINK;

    /** The option's spelling: {@code direct}, {@code flink}. */
    public String optionValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the option and the runners there are
     */
    public static Kind parse(String value) {
      for (Kind k : values()) {
        if (k.optionValue().equals(value == null ? "" : value.trim().toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new IllegalArgumentException(
          "--runner must be direct or flink, got '" + value + "'");
    }
  }

  /** The default: the direct runner, nothing more. */
  public static final RunnerSettings DIRECT = new RunnerSettings(Kind.DIRECT, null, List.of());

  public RunnerSettings {
    kind = kind == null ? Kind.DIRECT : kind;
    flinkMaster = flinkMaster == null || flinkMaster.isBlank() ? LOCAL_MASTER : flinkMaster.trim();
    beamArgs = beamArgs == null ? List.of() : List.copyOf(beamArgs);
    for (String arg : beamArgs) {
      if (arg.startsWith("--runner")) {
        throw new IllegalArgumentException(
            "choose the runner with --runner direct|flink, not with --beam-arg " + arg);
      }
    }
  }

  /**
   * Whether the copy's workers run inside this JVM: on the direct runner, and on Flink's local
   * cluster. Then they share this JVM's pools and feed the live progress display; otherwise they
   * are other processes, which the tool reaches only through the servers (the journal).
   */
  public boolean workersInThisJvm() {
    return kind == Kind.DIRECT || LOCAL_MASTER.equals(flinkMaster);
  }

  /** This choice with other Beam arguments. */
  public RunnerSettings withBeamArgs(List<String> args) {
    return new RunnerSettings(kind, flinkMaster, args);
  }

  /** How reports and logs name it: {@code direct}, {@code flink [local]}, {@code flink host:port}. */
  public String describe() {
    return kind == Kind.DIRECT ? kind.optionValue() : kind.optionValue() + " " + flinkMaster;
  }
}
