package dev.bazaar.devstack.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough MIME to check a delivered message in a test, with the JDK only: headers (unfolded, RFC 2047 encoded words
 * decoded), and the text of the {@code text/plain} or {@code text/html} parts of any (nested) multipart, transfer
 * encoding (base64, quoted-printable, 7bit/8bit) and charset undone. A message is a "byte string": one char per byte
 * (ISO-8859-1), as GreenMail's API hands out the message it stored.
 */
final class Mime {
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");
    private static final Pattern BETWEEN_ENCODED_WORDS = Pattern.compile("(\\?=)[ \\t\\r\\n]+(=\\?)");

    private Mime() {}

    /** The entity's headers, lower-case name to its first value (unfolded, raw: not decoded). */
    static Map<String, String> headers(String entity) {
        Map<String, String> headers = new LinkedHashMap<>();
        String name = null;
        StringBuilder value = new StringBuilder();
        for (String line : entity.substring(0, headEnd(entity)).split("\r?\n", -1)) {
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(line);
                continue;
            }
            if (name != null) {
                headers.putIfAbsent(name, value.toString().strip());
            }
            int colon = line.indexOf(':');
            name = colon > 0 ? line.substring(0, colon).strip().toLowerCase(Locale.ROOT) : null;
            value.setLength(0);
            if (colon > 0) {
                value.append(line, colon + 1, line.length());
            }
        }
        if (name != null) {
            headers.putIfAbsent(name, value.toString().strip());
        }
        return headers;
    }

    /** A header value as a reader sees it: raw UTF-8 read as such, encoded words ({@code =?utf-8?B?...?=}) decoded. */
    static String decodeHeader(String raw) {
        String text = new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        text = BETWEEN_ENCODED_WORDS.matcher(text).replaceAll("$1$2");
        Matcher m = ENCODED_WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Charset charset = charset(m.group(1));
            byte[] bytes = m.group(2).equalsIgnoreCase("B")
                    ? Base64.getMimeDecoder().decode(m.group(3))
                    : quotedPrintable(m.group(3).replace('_', ' '));
            m.appendReplacement(out, Matcher.quoteReplacement(new String(bytes, charset)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The decoded text of every part of this MIME type ({@code text/plain}, {@code text/html}), attachments left out. */
    static List<String> texts(String entity, String mimeType) {
        List<String> out = new ArrayList<>();
        collect(entity, mimeType.toLowerCase(Locale.ROOT), out, 0);
        return out;
    }

    private static void collect(String entity, String wanted, List<String> out, int depth) {
        Map<String, String> h = headers(entity);
        String contentType = h.getOrDefault("content-type", "text/plain");
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        String body = entity.substring(bodyStart(entity));
        if (type.startsWith("multipart/")) {
            String boundary = param(contentType, "boundary");
            if (boundary != null && depth < 20) {
                for (String part : parts(body, boundary)) {
                    collect(part, wanted, out, depth + 1);
                }
            }
        } else if (type.equals(wanted)
                && !h.getOrDefault("content-disposition", "")
                        .toLowerCase(Locale.ROOT)
                        .startsWith("attachment")) {
            byte[] bytes = switch (h.getOrDefault("content-transfer-encoding", "7bit")
                    .strip()
                    .toLowerCase(Locale.ROOT)) {
                case "base64" -> Base64.getMimeDecoder().decode(body.getBytes(StandardCharsets.ISO_8859_1));
                case "quoted-printable" -> quotedPrintable(body);
                default -> body.getBytes(StandardCharsets.ISO_8859_1);
            };
            out.add(new String(bytes, charset(param(contentType, "charset"))).replace("\r\n", "\n"));
        }
    }

    /** The parts of a multipart body: what lies between its {@code --boundary} lines, up to {@code --boundary--}. */
    static List<String> parts(String body, String boundary) {
        String delimiter = "--" + boundary;
        List<String> parts = new ArrayList<>();
        int at = delimiterLine(body, delimiter, 0);
        while (at >= 0 && !body.startsWith(delimiter + "--", at)) {
            int lineEnd = body.indexOf('\n', at);
            if (lineEnd < 0) {
                break;
            }
            int start = lineEnd + 1;
            int next = delimiterLine(body, delimiter, start);
            int end = next < 0 ? body.length() : next;
            if (next >= 0 && end > start && body.charAt(end - 1) == '\n') {
                end--;
                if (end > start && body.charAt(end - 1) == '\r') {
                    end--;
                }
            }
            parts.add(body.substring(start, Math.max(start, end)));
            at = next;
        }
        return parts;
    }

    /** Where a line that is the delimiter (or the closing one) begins, at or after {@code from}; -1 when none. */
    private static int delimiterLine(String body, String delimiter, int from) {
        for (int i = body.indexOf(delimiter, from); i >= 0; i = body.indexOf(delimiter, i + 1)) {
            boolean lineStart = i == 0 || body.charAt(i - 1) == '\n';
            int after = i + delimiter.length();
            if (body.startsWith("--", after)) {
                after += 2;
            }
            // "--b" is not the delimiter of a boundary "b" on the line "--b-other" (a nested part's boundary)
            if (lineStart && (after >= body.length() || " \t\r\n".indexOf(body.charAt(after)) >= 0)) {
                return i;
            }
        }
        return -1;
    }

    /** A parameter of a structured header ({@code boundary}, {@code charset}), unquoted; null when absent. */
    static String param(String header, String name) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char ch = header.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ';' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
                continue;
            }
            field.append(ch);
        }
        fields.add(field.toString());
        for (String f : fields.subList(1, fields.size())) {
            int eq = f.indexOf('=');
            if (eq > 0 && f.substring(0, eq).strip().equalsIgnoreCase(name)) {
                String v = f.substring(eq + 1).strip();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /** Quoted-printable to bytes: {@code =XX} is a byte, {@code =} at a line end a soft break. */
    static byte[] quotedPrintable(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '=') {
                out.write(ch);
            } else if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                i++;
            } else if (i + 2 < s.length() && s.charAt(i + 1) == '\r' && s.charAt(i + 2) == '\n') {
                i += 2;
            } else if (i + 2 < s.length()
                    && Character.digit(s.charAt(i + 1), 16) >= 0
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16));
                i += 2;
            } else {
                out.write(ch);
            }
        }
        return out.toByteArray();
    }

    private static Charset charset(String name) {
        try {
            return name == null ? StandardCharsets.UTF_8 : Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static int headEnd(String entity) {
        int blank = blankLine(entity);
        return blank < 0 ? entity.length() : blank;
    }

    private static int bodyStart(String entity) {
        int blank = blankLine(entity);
        if (blank < 0) {
            return entity.length();
        }
        return entity.startsWith("\r\n", blank) ? blank + 2 : blank + 1;
    }

    /** Where the empty line that ends the headers begins (the headers may be empty); -1 when there is none. */
    private static int blankLine(String entity) {
        if (entity.startsWith("\r\n") || entity.startsWith("\n")) {
            return 0;
        }
        int crlf = entity.indexOf("\r\n\r\n");
        int lf = entity.indexOf("\n\n");
        if (crlf >= 0 && (lf < 0 || crlf + 2 <= lf)) {
            return crlf + 2;
        }
        return lf < 0 ? -1 : lf + 1;
    }
}
