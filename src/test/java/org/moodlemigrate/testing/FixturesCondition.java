package org.moodlemigrate.testing;

import java.util.List;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Decides {@link RequiresFixtures} before the class starts: a condition, unlike an assumption in
 * {@code @BeforeAll}, makes the runner report the class as skipped, with its reason, rather than as
 * zero tests run.
 */
public final class FixturesCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    List<String> missing = Fixtures.missing();
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("Moodle fixtures found in " + Fixtures.directory());
    }
    String why = Fixtures.missingMessage(missing);
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true, and " + why);
    }
    return ConditionEvaluationResult.disabled("skipped: " + why);
  }
}
