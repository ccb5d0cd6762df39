package org.moodlemigrate.settings;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.anonymise.AnonymisationRules;
import org.moodlemigrate.anonymise.AnonymiseKeys;
import org.moodlemigrate.sandbox.PreserveSpec;

/**
 * What makes a run a sandbox refresh: the anonymisation rules applied in the copy stream, the
 * sandbox's own rows kept across the load, and the actions after it. Every part is optional; a run
 * without any is a plain copy.
 *
 * @param rulesName where the rules come from, for the report: {@code moodle} (shipped) or a file
 * @param rules the rules; null for none
 * @param groups the rule groups applied ({@code personal}, {@code secrets}, {@code messages},
 *     {@code content})
 * @param keptAccounts usernames whose login survives (their username is kept, their password set to
 *     the configured one)
 * @param keys the pseudonym secret and the kept accounts' password; null when not resolved ({@code
 *     check} and {@code plan} validate the rules without them)
 * @param preserve the target rows to keep across the load
 * @param actions the post-refresh actions asked for, by name ({@link #ACTIONS})
 * @param divertEmailTo where Moodle sends every mail instead ({@code divertallemailsto}); null for
 *     none
 * @param disableTasks the scheduled tasks to disable, by class name
 * @param afterSql SQL files run at the end, in order, in the actions' transaction
 */
public record SandboxSettings(
    String rulesName,
    AnonymisationRules rules,
    Set<String> groups,
    List<String> keptAccounts,
    AnonymiseKeys keys,
    List<PreserveSpec> preserve,
    Set<String> actions,
    String divertEmailTo,
    List<String> disableTasks,
    List<Path> afterSql) {

  /** The post-refresh actions, by the names {@code --after-refresh} takes. */
  public static final List<String> ACTIONS =
      List.of("empty-sessions", "new-siteidentifier", "stop-mail", "disable-tasks", "purge-caches");

  /** The rule groups applied unless {@code --anonymise-groups} says otherwise. */
  public static final Set<String> DEFAULT_GROUPS = Set.of("personal", "secrets", "messages");

  public SandboxSettings {
    groups = groups == null ? DEFAULT_GROUPS : Set.copyOf(groups);
    keptAccounts = keptAccounts == null ? List.of() : List.copyOf(keptAccounts);
    preserve = preserve == null ? List.of() : List.copyOf(preserve);
    actions = actions == null ? Set.of() : Set.copyOf(actions);
    disableTasks = disableTasks == null ? List.of() : List.copyOf(disableTasks);
    afterSql = afterSql == null ? List.of() : List.copyOf(afterSql);
    for (String a : actions) {
      if (!ACTIONS.contains(a)) {
        throw new IllegalArgumentException(
            "--after-refresh: unknown action '" + a + "'; the actions are " + ACTIONS);
      }
    }
  }

  /** Whether this run does anything a plain copy does not. */
  public boolean any() {
    return rules != null || !preserve.isEmpty() || !actions.isEmpty() || !afterSql.isEmpty();
  }

  @Override
  public String toString() {
    return "SandboxSettings[rules "
        + rulesName
        + ", groups "
        + groups
        + ", actions "
        + actions
        + "]";
  }
}
