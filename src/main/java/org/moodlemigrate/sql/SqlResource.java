package org.moodlemigrate.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads SQL the tool owns from {@code schemas/} on the class path.
 *
 * <p>Catalog queries live in {@code .sql} files (as in pgloader) so that they can be read, diffed
 * and run by hand in a client while debugging a site, without reading Java.
 */
public final class SqlResource {
  private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

  private SqlResource() {}

  /** The text of {@code schemas/<path>}. */
  public static String load(String path) {
    return CACHE.computeIfAbsent(path, SqlResource::read);
  }

  private static String read(String path) {
    String resource = "schemas/" + path;
    try (InputStream in = SqlResource.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
