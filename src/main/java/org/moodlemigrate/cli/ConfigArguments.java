package org.moodlemigrate.cli;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.moodlemigrate.migration.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns {@code --config FILE.yaml} into the options it stands for, before picocli parses the
 * command line: every key of the file that the command line does not give becomes {@code
 * --key=value} (a list one {@code --key=item} per item), inserted right after the command's name.
 * So the command line wins over the file, the file over the defaults, and the commands see options
 * exactly as if they had been typed: required options, conversions, validation and {@code --help}
 * all work unchanged.
 *
 * <p>The keys are read from picocli's model of the command (each option's longest name without
 * {@code --}), not from a list kept here, so an option added to a command can be written in a file
 * at once. A file may also hold a section per command ({@code run:}, {@code verify:} …, a mapping)
 * with the keys only that command takes; it wins over the top level for that command. That lets one
 * file serve {@code check}, {@code plan}, {@code run} and {@code verify} of the same site.
 *
 * <p>Everything the file says is checked before anything runs, also sections for other commands:
 * unknown keys, keys of another command, a list for a single value, values that do not convert, and
 * keys meant to hold a password (a file is read by backups, editors and colleagues; a password is
 * only named, by {@code *-password-env} or {@code *-password-file}). Messages name the file, line
 * and key, and never quote a value a password could be in.
 */
final class ConfigArguments {
  private ConfigArguments() {}

  /** Runs {@code args}, with the options of its {@code --config} file if it names one. */
  static int execute(CommandLine root, String[] args) {
    String[] expanded;
    try {
      expanded = expand(root, args);
    } catch (IllegalArgumentException e) {
      root.getErr().println("moodle-migrate: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    return root.execute(expanded);
  }

  /**
   * {@code args} with the options of the {@code --config} file added; {@code args} itself when
   * there is no file.
   *
   * @throws IllegalArgumentException naming the file, line and key of what is wrong
   */
  static String[] expand(CommandLine root, String[] args) {
    int at = commandIndex(root, args);
    if (at < 0) {
      return args;
    }
    CommandLine command = root.getSubcommands().get(args[at]);
    CommandSpec spec = command.getCommandSpec();
    if (spec.findOption(ConfigOption.NAME) == null) {
      return args;
    }
    String[] rest = Arrays.copyOfRange(args, at + 1, args.length);
    ParseResult given = CommandLineProbe.parse(spec, rest);
    Path path = given.matchedOptionValue(ConfigOption.NAME, null);
    if (path == null) {
      return args;
    }
    ConfigFile file = ConfigFile.read(path);
    List<String> fromFile = new ArrayList<>();
    for (Map.Entry<OptionSpec, ConfigFile.Entry> e : options(root, spec, file).entrySet()) {
      if (!given.hasMatchedOption(e.getKey().longestName())) {
        fromFile.addAll(arguments(e.getKey(), e.getValue(), file));
      }
    }
    List<String> result = new ArrayList<>(Arrays.asList(args).subList(0, at + 1));
    result.addAll(fromFile);
    result.addAll(Arrays.asList(rest));
    return result.toArray(String[]::new);
  }

  /**
   * What {@code file} sets for {@code command}, checked: its top-level keys, then its section for
   * this command. Every other section is checked against its own command.
   */
  static Map<OptionSpec, ConfigFile.Entry> options(
      CommandLine root, CommandSpec command, ConfigFile file) {
    Map<String, CommandSpec> commands = configurableCommands(root);
    Map<String, ConfigFile.Entry> top = new LinkedHashMap<>();
    Map<String, ConfigFile.Entry> own = new LinkedHashMap<>();
    for (ConfigFile.Entry entry : file.entries().values()) {
      CommandSpec section = commands.get(entry.key());
      if (section != null && entry.value() instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, ConfigFile.Entry> entries = (Map<String, ConfigFile.Entry>) map;
        for (ConfigFile.Entry inner : entries.values()) {
          check(inner, section, commands, file, section.name());
        }
        if (section == command) {
          own.putAll(entries);
        }
      } else {
        check(entry, command, commands, file, null);
        top.put(entry.key(), entry);
      }
    }
    top.putAll(own);
    Map<String, OptionSpec> keys = keys(command);
    Map<OptionSpec, ConfigFile.Entry> result = new LinkedHashMap<>();
    for (ConfigFile.Entry entry : top.values()) {
      if (entry.value() != null) {
        result.put(keys.get(entry.key()), entry);
      }
    }
    return result;
  }

  /** The keys a command takes: its options' long names without {@code --}. */
  static Map<String, OptionSpec> keys(CommandSpec command) {
    Map<String, OptionSpec> keys = new LinkedHashMap<>();
    for (OptionSpec option : command.options()) {
      if (option.usageHelp()
          || option.versionHelp()
          || option.longestName().equals(ConfigOption.NAME)) {
        continue;
      }
      keys.put(key(option), option);
    }
    return keys;
  }

  static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  /** The commands that take {@code --config}, by name: also the names of sections. */
  static Map<String, CommandSpec> configurableCommands(CommandLine root) {
    Map<String, CommandSpec> commands = new LinkedHashMap<>();
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      if (spec.findOption(ConfigOption.NAME) != null) {
        commands.putIfAbsent(spec.name(), spec);
      }
    }
    return commands;
  }

  private static void check(
      ConfigFile.Entry entry,
      CommandSpec command,
      Map<String, CommandSpec> commands,
      ConfigFile file,
      String section) {
    String key = entry.key();
    String where = file.at(entry.line()) + ": ";
    String under = section == null ? "" : " under '" + section + ":'";
    if (key.toLowerCase(Locale.ROOT).endsWith("password")) {
      String lower = key.toLowerCase(Locale.ROOT);
      String side =
          lower.startsWith("target")
              ? "target"
              : lower.startsWith("source") ? "source" : "source|target";
      throw new IllegalArgumentException(
          where
              + "'"
              + key
              + "' would put a password in the file, where backups, editors and colleagues see it;"
              + " name the environment variable that holds it with '"
              + side
              + "-password-env', or a file with '"
              + side
              + "-password-file'");
    }
    if (key.equals(ConfigOption.NAME.substring(2))) {
      throw new IllegalArgumentException(
          where + "'config' cannot be set in a configuration file: give one file per command");
    }
    Map<String, OptionSpec> keys = keys(command);
    OptionSpec option = keys.get(key);
    if (option == null) {
      List<String> others =
          commands.values().stream()
              .filter(c -> c != command && keys(c).containsKey(key))
              .map(CommandSpec::name)
              .toList();
      if (!others.isEmpty()) {
        throw new IllegalArgumentException(
            where
                + "'"
                + key
                + "'"
                + under
                + " is an option of "
                + String.join(", ", others)
                + ", not of "
                + command.name()
                + "; to keep it in this file, put it in a section '"
                + others.get(0)
                + ":'");
      }
      throw new IllegalArgumentException(
          where
              + "unknown key '"
              + key
              + "'"
              + under
              + " (known keys for "
              + command.name()
              + ": "
              + keys.entrySet().stream()
                  .filter(k -> !k.getValue().hidden())
                  .map(Map.Entry::getKey)
                  .collect(Collectors.joining(", "))
              + (section == null
                  ? "; and a section per command: "
                      + commands.keySet().stream()
                          .map(c -> c + ":")
                          .collect(Collectors.joining(" "))
                  : "")
              + ")");
    }
    Object value = entry.value();
    if (value == null) {
      return;
    }
    if (value instanceof Map<?, ?>) {
      throw new IllegalArgumentException(
          where + "'" + key + "'" + under + " takes " + takes(option) + ", not a mapping");
    }
    if (isFlag(option) && !(value instanceof Boolean)) {
      throw new IllegalArgumentException(
          where + "'" + key + "'" + under + " is a flag: write true or false");
    }
    if (value instanceof List<?> && !option.isMultiValue()) {
      throw new IllegalArgumentException(
          where + "'" + key + "'" + under + " takes one value, not a list");
    }
    converts(option, arguments(option, entry, file), where + "'" + key + "'" + under);
  }

  private static String takes(OptionSpec option) {
    return isFlag(option) ? "true or false" : option.isMultiValue() ? "a list" : "one value";
  }

  private static boolean isFlag(OptionSpec option) {
    return option.arity().max() == 0;
  }

  /** The command-line arguments that stand for {@code entry}. */
  private static List<String> arguments(
      OptionSpec option, ConfigFile.Entry entry, ConfigFile file) {
    String name = option.longestName();
    Object value = entry.value();
    if (isFlag(option)) {
      return List.of(name + "=" + value);
    }
    List<?> items = value instanceof List<?> list ? list : List.of(value);
    boolean path = isPath(option);
    List<String> arguments = new ArrayList<>();
    for (Object item : items) {
      String text = Objects.toString(item);
      arguments.add(name + "=" + (path ? resolve(file, text) : text));
    }
    return arguments;
  }

  /** Whether the option's values are paths (then relative ones are relative to the file). */
  private static boolean isPath(OptionSpec option) {
    Class<?> type = option.isMultiValue() ? option.auxiliaryTypes()[0] : option.type();
    return type == Path.class || type == File.class;
  }

  private static String resolve(ConfigFile file, String value) {
    try {
      return file.directory().resolve(value).toString();
    } catch (InvalidPathException e) {
      return value; // the command's own conversion says what is wrong with it
    }
  }

  /** Converts the values as the command will, so that a bad one is reported with its line. */
  private static void converts(OptionSpec option, List<String> arguments, String what) {
    CommandSpec one = CommandSpec.create();
    one.addOption(CommandLineProbe.unbound(option).build());
    try {
      new CommandLine(one).parseArgs(arguments.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new IllegalArgumentException(
          what
              + ": "
              + e.getMessage()
                  .replaceFirst("^Invalid value for option '[^']*': ", "invalid value: "));
    }
  }

  /** Where the command's name is in {@code args}: after the top-level options; -1 if none. */
  private static int commandIndex(CommandLine root, String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (root.getSubcommands().containsKey(args[i])) {
        return i;
      }
      if (!args[i].startsWith("-")) {
        return -1;
      }
    }
    return -1;
  }
}
