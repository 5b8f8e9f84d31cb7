package dev.bazaar.catalog.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A shop's web address (its slug: lowercase letters, digits and single dashes, 3 to 60 characters), derived from its
 * name when the seller gives none: accents dropped, apostrophes removed ("Bob's" → "bobs"), every other run of
 * non-alphanumerics one dash; too short a name gets "-shop". Uniqueness: the first of {@code base}, {@code base-2} …
 * {@code base-20} nobody has, else {@code base-} and six random characters.
 */
public final class ShopSlug {

    public static final int MIN = 3;
    public static final int MAX = 60;
    public static final String PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$";
    static final int NUMBERED = 20;

    private ShopSlug() {}

    /** The slug a name suggests (not yet checked against the shops that exist). */
    public static String fromName(String name) {
        String s = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("['’‘`]", "")
                .replace("ø", "o")
                .replace("æ", "ae")
                .replace("œ", "oe")
                .replace("ß", "ss")
                .replace("ł", "l")
                .replace("đ", "d")
                .replace("þ", "th")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        if (s.isEmpty()) {
            return "shop";
        }
        if (s.length() < MIN) {
            s = s + "-shop";
        }
        return fit(s, MAX);
    }

    /** The candidates in the order they are tried: the base, then base-2 … base-20, each at most {@link #MAX} long. */
    public static List<String> candidates(String base) {
        List<String> list = new ArrayList<>(NUMBERED);
        list.add(base);
        for (int n = 2; n <= NUMBERED; n++) {
            list.add(suffixed(base, Integer.toString(n)));
        }
        return list;
    }

    /** The first candidate not taken; when all are, the base with a random suffix. */
    public static String firstFree(String base, Set<String> taken, RandomGenerator random) {
        for (String c : candidates(base)) {
            if (!taken.contains(c)) {
                return c;
            }
        }
        StringBuilder suffix = new StringBuilder();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 6; i++) {
            suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return suffixed(base, suffix.toString());
    }

    public static boolean valid(String slug) {
        return slug != null && slug.length() >= MIN && slug.length() <= MAX && slug.matches(PATTERN);
    }

    private static String suffixed(String base, String suffix) {
        return fit(base, MAX - suffix.length() - 1) + "-" + suffix;
    }

    /** Cut to at most {@code max} characters, at a dash when one is near, never ending in a dash. */
    private static String fit(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        String cut = s.substring(0, max);
        int dash = cut.lastIndexOf('-');
        if (dash >= max - 12 && dash >= MIN) {
            cut = cut.substring(0, dash);
        }
        return cut.replaceAll("-+$", "");
    }
}
