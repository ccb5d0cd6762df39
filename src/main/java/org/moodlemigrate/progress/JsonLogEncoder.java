package org.moodlemigrate.progress;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * {@code --log-format json}: each log event as one JSON object on one line — {@code time}, {@code
 * level}, {@code logger}, {@code message}, the event's key-value pairs as fields of their own (the
 * progress lines carry {@code event}, {@code table}, {@code rows}, …), and {@code error} when the
 * event has an exception. For log collectors, which then need no pattern to parse our lines.
 */
public final class JsonLogEncoder extends EncoderBase<ILoggingEvent> {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] NOTHING = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
    line.put("level", event.getLevel().toString());
    String logger = event.getLoggerName();
    line.put("logger", logger.substring(logger.lastIndexOf('.') + 1));
    line.put("message", event.getFormattedMessage());
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair kv : event.getKeyValuePairs()) {
        line.putIfAbsent(kv.key, kv.value);
      }
    }
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.put("error", error.getClassName() + ": " + error.getMessage());
    }
    try {
      return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      return ("{\"level\":\"ERROR\",\"message\":\"cannot write a log line as JSON\"}\n")
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
