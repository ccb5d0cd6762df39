package org.moodlemigrate.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * Which options a command line gives, found by picocli itself before the real parse: a copy of the
 * command's options, none required (a configuration file may give them) and bound to values of
 * their own (so the command's fields are not touched), parsed with errors collected rather than
 * thrown. The real parse reports the errors afterwards, as usual.
 */
final class CommandLineProbe {
  private CommandLineProbe() {}

  /** {@code args} (what follows the command's name) parsed as {@code spec} would parse them. */
  static ParseResult parse(CommandSpec spec, String[] args) {
    CommandSpec probe = CommandSpec.create();
    probe.parser(spec.parser());
    probe.parser().collectErrors(true).unmatchedArgumentsAllowed(true);
    for (OptionSpec option : spec.options()) {
      probe.addOption(unbound(option).required(false).build());
    }
    for (PositionalParamSpec positional : spec.positionalParameters()) {
      Holder binding = new Holder();
      probe.addPositional(
          PositionalParamSpec.builder(positional)
              .required(false)
              .getter(binding)
              .setter(binding)
              .build());
    }
    return new CommandLine(probe).parseArgs(args);
  }

  /** A copy of the option that stores its value in itself rather than in the command. */
  static OptionSpec.Builder unbound(OptionSpec option) {
    Holder binding = new Holder();
    return OptionSpec.builder(option).getter(binding).setter(binding).initialValue(null);
  }

  /** Where a copied option keeps its value instead of the command's field. */
  private static final class Holder implements IGetter, ISetter {
    private Object value;

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      return (T) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T set(T value) {
      T old = (T) this.value;
      this.value = value;
      return old;
    }
  }
}
