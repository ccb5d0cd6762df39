package org.moodlemigrate.checks;

import java.util.List;
import org.moodlemigrate.plan.TableMode;
import org.moodlemigrate.plan.TablePlan;

/** The tables a run will copy (loaded and created), for the checks that look at them. */
final class Selected {
  private Selected() {}

  static List<TablePlan> copied(CheckContext ctx) {
    return ctx.plan().tables().stream().filter(t -> t.mode() != TableMode.SKIP).toList();
  }

  static List<TablePlan> loaded(CheckContext ctx) {
    return ctx.plan().loaded();
  }
}
