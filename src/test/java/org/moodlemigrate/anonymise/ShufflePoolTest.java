package org.moodlemigrate.anonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShufflePoolTest {
  private static final int N = 1_000;
  private final AnonymiseKeys keys = AnonymiseKeysTest.keys();

  private static long[] ids() {
    long[] ids = new long[N];
    for (int i = 0; i < N; i++) {
      ids[i] = 10L + 3L * i;
    }
    return ids;
  }

  private static String[] values() {
    String[] values = new String[N];
    for (int i = 0; i < N; i++) {
      values[i] = "v" + i;
    }
    return values;
  }

  private ShufflePool pool(AnonymiseKeys k) {
    return ShufflePool.permute("mdl_user", "id", "city", k, ids(), values(), N);
  }

  private static List<String> assigned(ShufflePool pool) {
    List<String> out = new ArrayList<>();
    for (long id : ids()) {
      out.add(pool.valueFor(id));
    }
    return out;
  }

  @Test
  void aPermutationOfTheSameValues() {
    List<String> after = assigned(pool(keys));
    List<String> sorted = new ArrayList<>(after);
    Collections.sort(sorted);
    List<String> before = new ArrayList<>(List.of(values()));
    Collections.sort(before);
    assertEquals(before, sorted);
    int moved = 0;
    for (int i = 0; i < N; i++) {
      if (!after.get(i).equals("v" + i)) {
        moved++;
      }
    }
    assertTrue(moved > N * 9 / 10, moved + " of " + N + " moved");
  }

  @Test
  void theSameSecretGivesTheSamePermutationAnotherSecretAnother() {
    assertEquals(assigned(pool(keys)), assigned(pool(AnonymiseKeysTest.keys())));
    AnonymiseKeys other = AnonymiseKeys.of("other".getBytes(StandardCharsets.UTF_8), null);
    assertNotEquals(assigned(pool(keys)), assigned(pool(other)));
    assertNotEquals(
        assigned(pool(keys)),
        assigned(ShufflePool.permute("mdl_user", "id", "town", keys, ids(), values(), N)),
        "each column has its own order");
  }

  @Test
  void aRowThatCameLaterGetsAValueOfThePoolTheSameEachTime() {
    ShufflePool pool = pool(keys);
    String late = pool.valueFor(11);
    assertTrue(List.of(values()).contains(late), late);
    assertEquals(late, pool.valueFor(11));
    ShufflePool empty =
        ShufflePool.permute("mdl_user", "id", "city", keys, new long[0], new String[0], 0);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> empty.valueFor(1));
    assertTrue(e.getMessage().contains("city of mdl_user"), e.getMessage());
  }

  @Test
  void keysMustBeUniqueAndAscending() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ShufflePool.permute(
                "t", "id", "c", keys, new long[] {1, 1}, new String[] {"a", "b"}, 2));
  }

  @Test
  void survivesSerialisationAndShowsNoValues() throws Exception {
    ShufflePool pool = pool(keys);
    assertEquals(assigned(pool), assigned(AnonymiseKeysTest.roundTrip(pool)));
    assertEquals("ShufflePool[mdl_user.city by id, 1000 values]", pool.toString());
  }
}
