package dev.bazaar.catalog.domain;

/**
 * How much work one public search may ask of the engine. Fuzzy matching expands every term into its near spellings;
 * for a long query that multiplies into thousands of term lookups, so fuzziness is only for short queries (what
 * people type) and each term expands to a bounded number of spellings.
 */
public final class SearchBounds {

    /** Fuzzy matching only up to this many terms… */
    public static final int FUZZY_MAX_TERMS = 4;
    /** …and this many characters; longer queries match exact terms (still analysed, stemmed). */
    public static final int FUZZY_MAX_CHARS = 60;
    /** Spellings one fuzzy term may expand to (the engine's default is 50). */
    public static final int MAX_EXPANSIONS = 20;
    /** Suggestions are fuzzy only for prefixes up to this long. */
    public static final int SUGGEST_FUZZY_MAX_CHARS = 20;
    /** Attribute filters ({@code attr.*}) per search. */
    public static final int MAX_ATTRIBUTE_FILTERS = 10;

    private SearchBounds() {}

    /** The fuzziness for a full-text query: {@code AUTO} for short queries, {@code 0} (exact) for long ones. */
    public static String fuzziness(String q) {
        if (q == null) {
            return "0";
        }
        String t = q.strip();
        return t.length() <= FUZZY_MAX_CHARS && t.split("\\s+").length <= FUZZY_MAX_TERMS ? "AUTO" : "0";
    }

    public static boolean fuzzySuggest(String prefix) {
        return prefix != null && prefix.strip().length() <= SUGGEST_FUZZY_MAX_CHARS;
    }
}
