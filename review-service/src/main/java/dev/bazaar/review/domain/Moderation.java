package dev.bazaar.review.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The automatic checks a review passes on submit and on every edit. A review that trips one is held for an admin
 * (PENDING) with the reasons as flags; the others are published at once. Nothing here refuses a review: hard limits
 * (stars 1–5, sizes) are the REST layer's 400s.
 */
public final class Moderation {

    /** Why a review was held. */
    public enum Flag {
        /** shorter than the minimum or longer than the maximum a reader wants to read */
        LENGTH,
        /** a web address or a domain name in the title or text: reviews are not advertising */
        LINK,
        /** a word of the configured blocked list */
        BLOCKED_WORD,
        /** the same text as another account's review: copied or coordinated */
        REPEATED_TEXT
    }

    /** The thresholds and the blocked words (configured: {@code bazaar.reviews.moderation.*}). */
    public record Rules(int minBodyLength, int maxBodyLength, Set<String> blockedWords, int repeatedTextMinLength) {
        public Rules {
            blockedWords = blockedWords.stream()
                    .map(w -> w.trim().toLowerCase(Locale.ROOT))
                    .filter(w -> !w.isEmpty())
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
    }

    /** The checks' outcome: no flags = publish. */
    public record Verdict(List<Flag> flags) {
        public Verdict {
            flags = List.copyOf(flags);
        }

        public boolean held() {
            return !flags.isEmpty();
        }
    }

    private static final Pattern LINK = Pattern.compile(
            "(?i)(https?://|www\\.|\\b[a-z0-9-]{2,}\\.(com|net|org|io|info|biz|xyz|ru|cn|shop|store|top|co)\\b)");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Moderation() {}

    /**
     * Checks {@code content}; {@code repeatedElsewhere}: another account's review has the same {@link #textKey} (asked
     * only when {@link #comparesText} says the text is long enough to tell).
     */
    public static Verdict check(Content content, Rules rules, boolean repeatedElsewhere) {
        List<Flag> flags = new ArrayList<>();
        int length = content.body().strip().length();
        if (length < rules.minBodyLength() || length > rules.maxBodyLength()) {
            flags.add(Flag.LENGTH);
        }
        String title = content.title() == null ? "" : content.title();
        if (LINK.matcher(title).find() || LINK.matcher(content.body()).find()) {
            flags.add(Flag.LINK);
        }
        if (containsBlockedWord(title + " " + content.body(), rules.blockedWords())) {
            flags.add(Flag.BLOCKED_WORD);
        }
        if (repeatedElsewhere) {
            flags.add(Flag.REPEATED_TEXT);
        }
        return new Verdict(flags);
    }

    /** Whether a text is long enough for a copy of it to be suspicious rather than common praise. */
    public static boolean comparesText(String body, Rules rules) {
        return normalize(body).length() >= rules.repeatedTextMinLength();
    }

    /**
     * The text's identity for the repeated-text check: a hash of its words (case, accents, punctuation and spacing
     * ignored), so a copy with a changed comma is still the same text.
     */
    public static String textKey(String body) {
        try {
            byte[] d =
                    MessageDigest.getInstance("SHA-256").digest(normalize(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        return NOT_WORD.matcher(folded).replaceAll(" ").strip();
    }

    private static boolean containsBlockedWord(String text, Set<String> blocked) {
        if (blocked.isEmpty()) {
            return false;
        }
        for (String word : normalize(text).split(" ", -1)) {
            if (blocked.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
