package org.moodlemigrate.checks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The oldest PostgreSQL each Moodle release supports, from Moodle's own {@code
 * admin/environment.xml}; kept as data in {@code checks/moodle-requirements.yaml}.
 */
final class MoodleRequirements {
  /**
   * @param moodle the Moodle branch ({@code 4.5})
   * @param postgres the oldest PostgreSQL major version it supports
   */
  record Requirement(String moodle, int postgres) {}

  record RequirementFile(List<Requirement> requirements) {}

  private static final List<Requirement> ALL = load();

  private MoodleRequirements() {}

  /** The requirement of the newest listed branch not newer than {@code branch}. */
  static Optional<Requirement> forBranch(int major, int minor) {
    Requirement best = null;
    for (Requirement r : ALL) {
      String[] parts = r.moodle().split("\\.");
      int rMajor = Integer.parseInt(parts[0]);
      int rMinor = Integer.parseInt(parts[1]);
      if (rMajor < major || (rMajor == major && rMinor <= minor)) {
        if (best == null || compare(r, best) > 0) {
          best = r;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  private static int compare(Requirement a, Requirement b) {
    String[] x = a.moodle().split("\\.");
    String[] y = b.moodle().split("\\.");
    int c = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
    return c != 0 ? c : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
  }

  private static List<Requirement> load() {
    try (InputStream in =
        MoodleRequirements.class.getResourceAsStream("/checks/moodle-requirements.yaml")) {
      return new ObjectMapper(new YAMLFactory())
          .readValue(in, RequirementFile.class)
          .requirements();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read checks/moodle-requirements.yaml", e);
    }
  }
}
