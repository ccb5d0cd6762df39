package org.moodlemigrate.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.moodlemigrate.connect.ConnectionFailedException;
import org.moodlemigrate.connect.ConnectionRole;
import org.moodlemigrate.connect.DataSources;
import org.moodlemigrate.connect.Endpoint;
import org.moodlemigrate.journal.JournalCleanup;
import org.moodlemigrate.journal.RunLock;
import org.moodlemigrate.migration.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code moodle-migrate cleanup}: removes the journal schema after a successful cutover. */
@Command(
    name = "cleanup",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Removes the tool's journal schema (moodle_migrate by default) from the target, with"
          + " everything in it, leaving nothing of the tool in the site's database. Refuses while"
          + " the latest run has not succeeded (the journal is what 'run --resume' continues"
          + " from) or an index dropped for a load has not been built again; --force drops"
          + " anyway. Never drops a schema holding tables that are not the journal's.",
      "",
      "Exit status: 0 removed (or there was nothing to remove); 1 refused; 4 the target cannot"
          + " be reached.",
      ""
    })
public final class CleanupCommand implements Callable<Integer> {
  private final CliContext context;

  @Mixin JournalOptions journal;
  @Mixin LoggingOptions logging;
  @Mixin ConfigOption config;

  @Option(
      names = "--force",
      description = "Remove the journal even though the latest run did not succeed.")
  boolean force;

  public CleanupCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    logging.apply();
    Endpoint target = journal.targetEndpoint(context);
    try (HikariDataSource pool = DataSources.open(target, ConnectionRole.ADMIN, 2);
        RunLock lock =
            RunLock.acquire(
                () -> DataSources.connect(target),
                journal.targetSchema,
                RunLock.Mode.EXCLUSIVE,
                "cleanup")) {
      JournalCleanup.Result result =
          JournalCleanup.run(pool, journal.journalSchema, journal.targetSchema, force);
      (result.refused() ? context.err() : context.out()).println(result.message());
      return result.refused() ? ExitCodes.FAILED : ExitCodes.OK;
    } catch (RunLock.HeldException e) {
      context.err().println("ERROR nothing was removed: " + e.getMessage());
      return ExitCodes.LOCKED;
    } catch (ConnectionFailedException e) {
      context.err().println(e.getMessage());
      return ExitCodes.FATAL;
    } catch (SQLException e) {
      context.err().println("cannot remove the journal: " + e.getMessage());
      return ExitCodes.FATAL;
    }
  }
}
