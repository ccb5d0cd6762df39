package org.moodlemigrate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.anonymise.AnonymisationRules;
import org.moodlemigrate.settings.SandboxSettings;
import picocli.CommandLine.Option;

/**
 * Which anonymisation rules apply: on {@code run} (inside {@link SandboxOptions}), and on {@code
 * check} and {@code plan}, which lay them over the plan without the secrets: a rule that does not
 * fit the site is an error there too, and the tables the rules empty show as skipped.
 */
public final class AnonymiseRuleOptions {
  @Option(
      names = "--anonymise",
      paramLabel = "RULES",
      description =
          "Anonymise personal data while copying, with these rules: 'moodle' for the shipped"
              + " rules (transforms/moodle-anonymise.yaml), or a rules file of your own.")
  String rules;

  @Option(
      names = "--anonymise-groups",
      paramLabel = "GROUP",
      split = ",",
      description =
          "The rule groups applied (default: personal,secrets,messages; add content for forum,"
              + " blog and comment text).")
  List<String> groups = new ArrayList<>();

  @Option(
      names = "--kept-accounts",
      paramLabel = "USERNAME",
      split = ",",
      description =
          "Accounts whose login survives the anonymisation (default: the rules file's,"
              + " admin,guest for the shipped rules); their password becomes the kept password.")
  List<String> keptAccounts;

  /** The rules named, loaded; null for none. */
  AnonymisationRules load() {
    if (rules == null) {
      return null;
    }
    try {
      return AnonymisationRules.named(rules);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--anonymise: " + e.getMessage(), e);
    }
  }

  /** The groups asked for; null for the default ones. */
  Set<String> groups() {
    return groups.isEmpty() ? null : Set.copyOf(groups);
  }

  /** The kept accounts asked for, else the rules file's. */
  List<String> keptAccounts(AnonymisationRules loaded) {
    return keptAccounts != null ? keptAccounts : loaded == null ? List.of() : loaded.keptAccounts();
  }

  /** The rules alone, without secrets, kept rows or actions ({@code check}, {@code plan}). */
  SandboxSettings settings() {
    AnonymisationRules loaded = load();
    return new SandboxSettings(
        rules, loaded, groups(), keptAccounts(loaded), null, null, null, null, null, null);
  }
}
