package org.moodlemigrate.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.moodlemigrate.anonymise.AnonymisationRules;
import org.moodlemigrate.anonymise.AnonymiseKeys;
import org.moodlemigrate.connect.PasswordResolver;
import org.moodlemigrate.connect.Secret;
import org.moodlemigrate.sandbox.PreserveSpec;
import org.moodlemigrate.settings.SandboxSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options that make a run a sandbox refresh ({@code pipelines/sandbox-refresh.yaml} sets them
 * all): the anonymisation rules and their secrets, the sandbox's own rows kept across the load, and
 * the post-refresh actions. {@code run} only: a rules file that does not fit the site is refused by
 * the run's own pre-flight (exit 3) before anything is written.
 *
 * <p>The two secrets — the key of the pseudonyms and the password of the kept accounts — are never
 * options: they come from the environment or a file, like the database passwords.
 */
public final class SandboxOptions {
  static final String SECRET_VARIABLE = "MM_PSEUDONYM_SECRET";
  static final String KEPT_PASSWORD_VARIABLE = "MM_KEPT_PASSWORD";

  @Mixin AnonymiseRuleOptions anonymise;

  @Option(
      names = "--pseudonym-secret-env",
      paramLabel = "VAR",
      defaultValue = SECRET_VARIABLE,
      description =
          "The environment variable holding the key of the pseudonyms (default: ${DEFAULT-VALUE}).")
  String secretEnv;

  @Option(
      names = "--pseudonym-secret-file",
      paramLabel = "FILE",
      description =
          "A file whose first line is the key of the pseudonyms (instead of the variable).")
  Path secretFile;

  @Option(
      names = "--kept-password-env",
      paramLabel = "VAR",
      defaultValue = KEPT_PASSWORD_VARIABLE,
      description =
          "The environment variable holding the password the kept accounts get (default:"
              + " ${DEFAULT-VALUE}).")
  String keptPasswordEnv;

  @Option(
      names = "--kept-password-file",
      paramLabel = "FILE",
      description = "A file whose first line is the password the kept accounts get.")
  Path keptPasswordFile;

  @Option(
      names = "--preserve",
      paramLabel = "SPEC",
      description =
          "Keep target rows across the load, e.g. config:name=smtphosts,noreplyaddress (table"
              + " without prefix : key column = names or globs); repeatable. Read before the load,"
              + " written back after it.")
  List<String> preserve = new ArrayList<>();

  @Option(
      names = "--after-refresh",
      paramLabel = "ACTION",
      split = ",",
      description =
          "Actions after the load: empty-sessions, new-siteidentifier, stop-mail,"
              + " disable-tasks, purge-caches, or all.")
  List<String> actions = new ArrayList<>();

  @Option(
      names = "--divert-email-to",
      paramLabel = "ADDRESS",
      description = "With stop-mail: where Moodle sends every mail instead (divertallemailsto).")
  String divertEmailTo;

  @Option(
      names = "--disable-task",
      paramLabel = "CLASS",
      description =
          "With disable-tasks: a scheduled task to disable, by class name (repeatable; default:"
              + " the tasks that reach external systems).")
  List<String> disableTasks = new ArrayList<>();

  @Option(
      names = "--after-sql",
      paramLabel = "FILE",
      description =
          "An SQL file run on the target at the end, in the actions' transaction (repeatable).")
  List<Path> afterSql = new ArrayList<>();

  /**
   * What these options ask for, with the secrets resolved from {@code environment} or the files.
   *
   * @throws IllegalArgumentException naming what is missing or wrong (a usage error, exit 2)
   */
  SandboxSettings withSecrets(java.util.Map<String, String> environment) {
    if (anonymise.rules == null) {
      return settings(null);
    }
    PasswordResolver resolver = new PasswordResolver(environment);
    Secret secret = resolver.resolve(secretFile, secretEnv, "--pseudonym-secret-file");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException(
          "--anonymise needs the key of the pseudonyms: "
              + secret.origin()
              + " (set "
              + secretEnv
              + ", or give --pseudonym-secret-file)");
    }
    Secret kept = resolver.resolve(keptPasswordFile, keptPasswordEnv, "--kept-password-file");
    AnonymiseKeys keys = AnonymiseKeys.fromSecrets(secret, kept);
    return settings(keys);
  }

  private SandboxSettings settings(AnonymiseKeys keys) {
    AnonymisationRules loaded = anonymise.load();
    Set<String> asked = new LinkedHashSet<>();
    for (String a : actions) {
      if (a.equals("all")) {
        asked.addAll(SandboxSettings.ACTIONS);
      } else {
        asked.add(a);
      }
    }
    List<PreserveSpec> specs;
    try {
      specs = PreserveSpec.parseAll(preserve);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--preserve: " + e.getMessage(), e);
    }
    return new SandboxSettings(
        anonymise.rules,
        loaded,
        anonymise.groups(),
        anonymise.keptAccounts(loaded),
        keys,
        specs,
        asked,
        divertEmailTo,
        disableTasks,
        afterSql);
  }
}
