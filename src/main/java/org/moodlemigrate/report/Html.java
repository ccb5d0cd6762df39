package org.moodlemigrate.report;

import java.util.Locale;

/**
 * The little HTML the report page needs, with every value escaped on its way in. Table names, error
 * messages and findings come from the site's database and may hold markup ({@code <script>} is a
 * valid MySQL table name): nothing reaches the page unescaped, in text or in an attribute.
 */
final class Html {
  private final StringBuilder out = new StringBuilder(64 * 1024);

  /** {@code s} as HTML text or attribute value: {@code & < > " '} escaped; null as empty. */
  static String escape(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A status word as a CSS class suffix: letters, digits and dashes only. */
  static String token(String word) {
    return word == null ? "none" : word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
  }

  /** Markup written as is: only for constants of this package, never for a value. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** A value as text. */
  Html text(Object value) {
    out.append(escape(value));
    return this;
  }

  /** {@code <tag class="cls">value</tag>}, the value escaped; no class when {@code cls} is null. */
  Html element(String tag, String cls, Object value) {
    out.append('<').append(tag);
    if (cls != null) {
      out.append(" class=\"").append(escape(cls)).append('"');
    }
    out.append('>').append(escape(value)).append("</").append(tag).append('>');
    return this;
  }

  /** A table row of header cells. */
  Html headerRow(String... headers) {
    out.append("<tr>");
    for (String h : headers) {
      element("th", null, h);
    }
    out.append("</tr>\n");
    return this;
  }

  /** A definition list entry, {@code <div><dt>term</dt><dd>value</dd></div>}. */
  Html entry(String term, Object value) {
    out.append("<div>");
    element("dt", null, term);
    element("dd", null, value);
    out.append("</div>\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
