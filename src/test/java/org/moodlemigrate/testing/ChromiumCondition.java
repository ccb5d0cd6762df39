package org.moodlemigrate.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Decides {@link RequiresChromium}, as {@link FixturesCondition} decides the fixtures. */
public final class ChromiumCondition implements ExecutionCondition {
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (Chromium.find().isPresent()) {
      return ConditionEvaluationResult.enabled("chromium found: " + Chromium.find().get());
    }
    String why =
        "no headless browser: neither chromium nor chromium-browser is on the PATH, nor an"
            + " executable MM_CHROMIUM (Debian: apt-get install chromium)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true, and " + why);
    }
    return ConditionEvaluationResult.disabled("skipped: " + why);
  }
}
