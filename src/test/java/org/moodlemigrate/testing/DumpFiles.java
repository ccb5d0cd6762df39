package org.moodlemigrate.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Opens a dump file, plain or gzip-compressed, as text.
 *
 * <p>Compression is recognised by the gzip magic bytes rather than the {@code .gz} suffix, so
 * renamed files work too. Bytes that are not valid in the given charset fail the read instead of
 * silently becoming U+FFFD: a loader that quietly changes data would defeat the tests built on it.
 */
final class DumpFiles {

  private static final int BUFFER_SIZE = 1 << 16;
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private DumpFiles() {}

  static Reader open(Path file, Charset charset) throws IOException {
    InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
    try {
      in.mark(2);
      boolean gzip = in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
      in.reset();
      if (gzip) {
        in = new GZIPInputStream(in, BUFFER_SIZE);
      }
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return new InputStreamReader(
        in,
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }
}
