package org.moodlemigrate.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.moodlemigrate.migration.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * Says what is wrong with a command line in one line, plus {@code Try 'moodle-migrate run
 * --help'.}, and exits 2; never the usage dump, never a value the user typed.
 *
 * <p>picocli's own messages are not printed: they quote the arguments ({@code Unknown options:
 * '--source-password', 'S3cret'}), and a slip of the fingers can put a password anywhere on a
 * command line, whence it would go into cron mail and logs. So each message is rebuilt from what
 * picocli found, naming only options and commands, which are the tool's words, not the user's:
 *
 * <ul>
 *   <li>An unknown option is named when it looks like an option name ({@code --lowercase-words} or
 *       {@code -x}; a {@code --name=value} by its name); anything else, and the argument that
 *       follows an unknown option (its value, most likely), is only counted.
 *   <li>A missing option is named; an option given without its value, or with one that cannot be
 *       read, is named with what it takes ({@code --parallelism takes a whole number (N)}).
 *   <li>A word that is not a command is not repeated. The commands are listed, and a suggestion is
 *       made only for a command that writes nothing to the servers ({@code check}, {@code plan},
 *       {@code status}, {@code demo}, {@code help}) one typing slip away: a typo never leads to
 *       {@code run} or {@code cleanup}.
 * </ul>
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  /** The commands a typo may be pointed to: they write nothing to the site's databases. */
  static final Set<String> SUGGESTIBLE = Set.of("check", "plan", "status", "demo", "help");

  private static final Pattern LONG_OPTION = Pattern.compile("--[a-z]+(-[a-z]+)*");
  private static final Pattern SHORT_OPTION = Pattern.compile("-[A-Za-z]");

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine where = e.getCommandLine();
    PrintWriter err = where.getErr();
    CommandSpec spec = where.getCommandSpec();
    CommandLine top = where;
    while (top.getParent() != null) {
      top = top.getParent();
    }
    // picocli's help command reports an unknown command word as its parent's error.
    boolean helpForUnknown =
        where.getCommand() instanceof CommandLine.HelpCommand
            || (where == top
                && args.length > 0
                && "help".equals(args[0])
                && !(e instanceof CommandLine.UnmatchedArgumentException));
    if (helpForUnknown) {
      err.println(top.getCommandName() + " help: " + unknownCommand(top, null));
      err.println("Try '" + top.getCommandName() + " --help'.");
      return ExitCodes.USAGE;
    }
    err.println(spec.qualifiedName() + ": " + message(e, where, args));
    err.println("Try '" + spec.qualifiedName() + " --help'.");
    return ExitCodes.USAGE;
  }

  private static String message(ParameterException e, CommandLine where, String[] args) {
    if (e instanceof CommandLine.UnmatchedArgumentException u) {
      return unmatched(u.getUnmatched(), where);
    }
    if (e instanceof CommandLine.MissingParameterException m) {
      return missing(m.getMissing(), args);
    }
    if (e instanceof CommandLine.OverwrittenOptionException o
        && o.getOverwritten() instanceof OptionSpec option) {
      return option.longestName() + " is given more than once; give it once";
    }
    if (e.getArgSpec() instanceof OptionSpec option) {
      return "the value of " + option.longestName() + " is not valid: it takes " + takes(option);
    }
    return "the command line is not valid (see --help)";
  }

  private static String unmatched(List<String> unmatched, CommandLine where) {
    boolean hasCommands = !where.getSubcommands().isEmpty();
    if (hasCommands && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
      return unknownCommand(where, unmatched.get(0));
    }
    List<String> names = new ArrayList<>();
    int notShown = 0;
    boolean afterUnknownOption = false;
    for (String arg : unmatched) {
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      boolean looksLikeOption =
          LONG_OPTION.matcher(name).matches() || SHORT_OPTION.matcher(name).matches();
      if (looksLikeOption && !afterUnknownOption && name.length() <= 40) {
        if (!names.contains(name)) {
          names.add(name);
        }
        // Without "=", the next argument is probably this option's value.
        afterUnknownOption = !arg.contains("=");
      } else {
        notShown++;
        afterUnknownOption = false;
      }
    }
    String arguments =
        notShown == 1 ? "1 argument that belongs" : notShown + " arguments that belong";
    if (names.isEmpty()) {
      return arguments
          + " to no option (not shown: each value follows its option, e.g. --source URI)";
    }
    String more = notShown == 0 ? "" : " (and " + arguments + " to no option, not shown)";
    String placement =
        hasCommands && names.stream().anyMatch(n -> isOptionOfACommand(n, where))
            ? "; options follow the command: " + where.getCommandName() + " COMMAND --option …"
            : "";
    return "unknown option"
        + (names.size() == 1 ? " " : "s ")
        + String.join(", ", names)
        + more
        + placement;
  }

  private static boolean isOptionOfACommand(String name, CommandLine top) {
    return top.getSubcommands().values().stream()
        .anyMatch(c -> c.getCommandSpec().findOption(name) != null);
  }

  private static String unknownCommand(CommandLine top, String typed) {
    List<String> commands = new ArrayList<>(top.getSubcommands().keySet());
    String suggestion = typed == null ? null : suggestion(typed, commands);
    return "unknown command; the commands are "
        + String.join(", ", commands)
        + (suggestion == null
            ? ""
            : ". Did you mean '" + top.getCommandName() + " " + suggestion + "'?");
  }

  /** A command that writes nothing, one slip from {@code typed}; null when there is none. */
  static String suggestion(String typed, List<String> commands) {
    String word = typed.toLowerCase(Locale.ROOT);
    for (String command : commands) {
      if (SUGGESTIBLE.contains(command) && distance(word, command) == 1) {
        return command;
      }
    }
    return null;
  }

  /** Edit distance counting a swap of neighbours as one edit (optimal string alignment). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String missing(List<ArgSpec> missing, String[] args) {
    List<String> absent = new ArrayList<>();
    for (ArgSpec arg : missing) {
      if (!(arg instanceof OptionSpec option)) {
        absent.add(arg.paramLabel());
        continue;
      }
      if (given(option, args)) {
        return option.longestName() + " is given without its value (" + option.paramLabel() + ")";
      }
      absent.add(option.longestName() + " " + option.paramLabel());
    }
    return absent.size() == 1
        ? "missing the required option " + absent.get(0)
        : "missing the required options " + String.join(" and ", absent);
  }

  private static boolean given(OptionSpec option, String[] args) {
    for (String arg : args) {
      for (String name : option.names()) {
        if (arg.equals(name) || arg.startsWith(name + "=")) {
          return true;
        }
      }
    }
    return false;
  }

  /** What an option takes, in words: its type, and its label. */
  static String takes(OptionSpec option) {
    Class<?> type = option.type();
    String label = option.paramLabel();
    if (type == int.class
        || type == Integer.class
        || type == long.class
        || type == Long.class
        || type == short.class
        || type == Short.class) {
      return "a whole number (" + label + ")";
    }
    if (type == double.class || type == Double.class || type == float.class) {
      return "a number (" + label + ")";
    }
    if (type.isEnum()) {
      List<String> values = new ArrayList<>();
      for (Object constant : type.getEnumConstants()) {
        values.add(constant.toString());
      }
      return "one of " + String.join(", ", values);
    }
    if (type == Path.class || type == java.io.File.class) {
      return "a file name (" + label + ")";
    }
    return label;
  }
}
