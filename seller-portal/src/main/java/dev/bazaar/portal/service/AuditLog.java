package dev.bazaar.portal.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The admin console's one audit log made of every service's own (ADR 0023): each service answers a page of its rows
 * newest first; this merges them by time, pairs a request's REQUESTED row with its COMPLETED row, and says where each
 * service's next page starts. No call is made here: the page asks the services and hands their answers in.
 *
 * <p>Paging is per service ({@code before} = the smallest seq already shown): a page shows a prefix of the merged
 * rows, so for each service a prefix of its own rows, and nothing is ever skipped. At most {@code limit} rows are
 * shown, each service having been asked for {@code limit}: a row a service did not send is older than all the
 * {@code limit} rows it did, so it could not be among the newest {@code limit}. The page also never ends between a
 * request's two rows (it ends earlier instead), so a REQUESTED row shown alone really has no COMPLETED row yet;
 * only when a single request's rows are more than a page apart is a COMPLETED row shown without its REQUESTED row.
 */
public final class AuditLog {

    /** A service's next page: none asked yet (start from its newest row), a seq to read before, or nothing left. */
    private static final Pattern CURSOR = Pattern.compile("([a-z][a-z0-9-]{0,30}):(end|[1-9][0-9]{0,18})");

    public static final String REQUESTED = "REQUESTED";
    public static final String COMPLETED = "COMPLETED";

    private AuditLog() {}

    /** One row of a service's log, as its admin API answers it (request, before and after are JSON text). */
    public record Row(
            long seq,
            String requestId,
            String phase,
            Instant at,
            String service,
            String actor,
            String actorName,
            String method,
            String path,
            Integer status,
            String request,
            String before,
            String after) {}

    /** What a service answered for this page: its rows, newest first; null {@code rows} when it did not answer. */
    public record Answer(String service, List<Row> rows, String problem) {}

    /**
     * One admin request as the page shows it: {@code requested} and {@code completed} its two rows, either null when
     * not on this page (a REQUESTED row alone: the outcome was not recorded).
     */
    public record Action(String service, String requestId, Row requested, Row completed) {

        /** The row that says who and what (both rows do; the REQUESTED one is the earlier). */
        public Row row() {
            return requested != null ? requested : completed;
        }

        public Instant at() {
            return row().at();
        }

        public boolean outcomeRecorded() {
            return completed != null;
        }
    }

    /**
     * The page: the actions newest first, the services that did not answer (name → why), the cursors of the next page
     * ({@code next} null when every service has nothing older).
     */
    public record Page(List<Action> actions, Map<String, String> silent, String next) {}

    /**
     * Reads the {@code before} parameter of the page's link ({@code catalog:120,order:end}): per service the seq to
     * read before, or {@code end}; a service not named starts from its newest row. Unknown services are ignored.
     *
     * @throws IllegalArgumentException when the parameter is not made of such pairs
     */
    public static Map<String, String> cursors(String before, Set<String> services) {
        Map<String, String> cursors = new LinkedHashMap<>();
        if (before == null || before.isBlank()) {
            return cursors;
        }
        for (String part : before.strip().split(",", -1)) {
            Matcher m = CURSOR.matcher(part.strip());
            if (!m.matches() || (!"end".equals(m.group(2)) && !fitsLong(m.group(2)))) {
                throw new IllegalArgumentException("The page link is not one this page made: " + part.strip());
            }
            if (services.contains(m.group(1))) {
                cursors.put(m.group(1), m.group(2));
            }
        }
        return cursors;
    }

    private static boolean fitsLong(String digits) {
        try {
            Long.parseLong(digits);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The {@code before} a service is asked with for {@code cursor}: null from its newest row. */
    public static Long before(String cursor) {
        return cursor == null || "end".equals(cursor) ? null : Long.parseLong(cursor);
    }

    /** Whether a service has nothing older to show (it is then not asked). */
    public static boolean done(String cursor) {
        return "end".equals(cursor);
    }

    /**
     * Merges the services' answers into a page of at most {@code limit} rows (each service asked for {@code limit}
     * before its cursor in {@code cursors}; services already done have no answer).
     */
    public static Page merge(List<Answer> answers, Map<String, String> cursors, int limit) {
        Map<String, String> silent = new LinkedHashMap<>();
        List<Answer> heard = new ArrayList<>();
        for (Answer a : answers) {
            if (a.rows() == null) {
                silent.put(a.service(), a.problem());
            } else {
                heard.add(new Answer(
                        a.service(),
                        a.rows().stream().map(r -> named(r, a.service())).toList(),
                        null));
            }
        }
        List<Row> merged = mergeByTime(heard, limit);
        int shown = withoutSplitRequests(merged);
        List<Row> page = merged.subList(0, shown);

        Map<String, String> next = new LinkedHashMap<>(cursors);
        boolean more = false;
        for (Answer a : heard) {
            long taken =
                    page.stream().filter(r -> r.service().equals(a.service())).count();
            if (taken > 0) {
                next.put(
                        a.service(), Long.toString(a.rows().get((int) taken - 1).seq()));
            }
            if (taken < a.rows().size() || a.rows().size() >= limit) {
                more = true;
            } else {
                next.put(a.service(), "end");
            }
        }
        return new Page(pair(page), silent, more ? link(next) : null);
    }

    /**
     * The row under the name the console gives its service (a row says its application's name, "order-service"; the
     * cursors and the page use the console's, "order").
     */
    private static Row named(Row r, String service) {
        return new Row(
                r.seq(),
                r.requestId(),
                r.phase(),
                r.at(),
                service,
                r.actor(),
                r.actorName(),
                r.method(),
                r.path(),
                r.status(),
                r.request(),
                r.before(),
                r.after());
    }

    /** The newest {@code limit} rows of all answers, taking each service's rows in its own order. */
    private static List<Row> mergeByTime(List<Answer> answers, int limit) {
        int[] heads = new int[answers.size()];
        List<Row> merged = new ArrayList<>();
        while (merged.size() < limit) {
            int best = -1;
            for (int i = 0; i < answers.size(); i++) {
                List<Row> rows = answers.get(i).rows();
                if (heads[i] < rows.size()
                        && (best < 0
                                || newer(
                                        rows.get(heads[i]),
                                        answers.get(best).rows().get(heads[best])))) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            merged.add(answers.get(best).rows().get(heads[best]++));
        }
        return merged;
    }

    private static boolean newer(Row a, Row b) {
        int byTime = a.at().compareTo(b.at());
        return byTime != 0 ? byTime > 0 : a.service().compareTo(b.service()) < 0;
    }

    /**
     * How many of {@code merged} to show so that no COMPLETED row is shown without its REQUESTED row: the page ends
     * before the first such row, again until none is left; all of them when that would leave nothing.
     */
    private static int withoutSplitRequests(List<Row> merged) {
        int end = merged.size();
        while (end > 0) {
            Set<String> requested = new HashSet<>();
            for (Row r : merged.subList(0, end)) {
                if (REQUESTED.equals(r.phase())) {
                    requested.add(r.service() + " " + r.requestId());
                }
            }
            int orphan = -1;
            for (int i = 0; i < end; i++) {
                Row r = merged.get(i);
                if (COMPLETED.equals(r.phase()) && !requested.contains(r.service() + " " + r.requestId())) {
                    orphan = i;
                    break;
                }
            }
            if (orphan < 0) {
                return end;
            }
            end = orphan;
        }
        return merged.size();
    }

    /** The rows as actions, in the order of their newest row. */
    private static List<Action> pair(List<Row> rows) {
        Map<String, Row[]> byRequest = new LinkedHashMap<>();
        for (Row r : rows) {
            Row[] pair = byRequest.computeIfAbsent(r.service() + " " + r.requestId(), k -> new Row[2]);
            if (COMPLETED.equals(r.phase())) {
                pair[1] = r;
            } else {
                pair[0] = r;
            }
        }
        List<Action> actions = new ArrayList<>();
        byRequest.forEach((key, pair) -> {
            Row any = pair[0] != null ? pair[0] : pair[1];
            actions.add(new Action(any.service(), any.requestId(), pair[0], pair[1]));
        });
        return actions;
    }

    private static String link(Map<String, String> cursors) {
        return String.join(
                ",",
                cursors.entrySet().stream()
                        .map(e -> e.getKey() + ":" + e.getValue())
                        .toList());
    }
}
