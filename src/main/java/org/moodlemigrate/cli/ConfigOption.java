package org.moodlemigrate.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE.yaml}: the command's options from a file. The option itself is only read
 * before parsing, by {@link ConfigArguments}; a command that mixes this in takes a file that can
 * hold every other option it has.
 */
public final class ConfigOption {
  static final String NAME = "--config";

  @Option(
      names = NAME,
      paramLabel = "FILE.yaml",
      description = {
        "Take options from FILE.yaml: each key is an option's long name without '--'"
            + " (target-schema: public, include: [a, b], no-verify: true); options on the command"
            + " line win over the file, the file over the defaults. Relative paths in it are"
            + " relative to its directory. Passwords only by source-password-env/-file,"
            + " target-password-env/-file. See docs/cli.md and pipelines/example.yaml."
      })
  Path config;
}
