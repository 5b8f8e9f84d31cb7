package dev.bazaar.system;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Map;
import java.util.function.Function;

/**
 * A journey step that did not do what it should, told so that a newcomer knows what happened and what to do: the
 * step, the call (method, URL), its status, the problem+json type and {@code detail}, the check that failed, and the
 * next thing to try.
 */
final class StepFailed extends RuntimeException {

    /** Which service listens on a port (the dev ports of bin/bazaar up and the test ports of the system tests). */
    static final Map<Integer, String> SERVICES = Map.ofEntries(
            Map.entry(8081, "catalog"),
            Map.entry(8082, "cart"),
            Map.entry(8083, "checkout"),
            Map.entry(8084, "order"),
            Map.entry(8085, "payment"),
            Map.entry(8086, "portal"),
            Map.entry(28081, "catalog"),
            Map.entry(28082, "cart"),
            Map.entry(28083, "checkout"),
            Map.entry(28084, "order"),
            Map.entry(28085, "payment"),
            Map.entry(28086, "portal"),
            Map.entry(8180, "keycloak"),
            Map.entry(18180, "keycloak"));

    private final String step;
    private final transient CallLog.Call call;
    private final transient Function<String, String> logs;

    /**
     * @param logs where a service's log is read, e.g. {@code catalog → "bin/bazaar logs catalog"}
     */
    StepFailed(String step, CallLog.Call call, Throwable cause, Function<String, String> logs) {
        super(null, cause, false, false);
        this.step = step;
        this.call = call;
        this.logs = logs;
    }

    String step() {
        return step;
    }

    CallLog.Call call() {
        return call;
    }

    @Override
    public String getMessage() {
        return report();
    }

    /** The whole account, one fact per line. */
    String report() {
        StringBuilder s = new StringBuilder();
        s.append("step     ").append(step).append('\n');
        Throwable cause = getCause();
        boolean waited = isTimeout(cause);
        if (call != null) {
            s.append(waited ? "last call " : "call     ")
                    .append(call.method())
                    .append(' ')
                    .append(call.uri())
                    .append('\n');
            if (call.answered()) {
                s.append("status   ").append(call.status());
                if (call.contentType() != null) {
                    s.append(" (").append(call.contentType()).append(')');
                }
                s.append('\n');
                if (call.problem()) {
                    line(s, "problem", join(call.problemField("type"), call.problemField("title")));
                    line(s, "detail", call.problemField("detail"));
                    line(s, "fields", call.problemField("violations"));
                    line(s, "errorId", call.problemField("errorId"));
                } else if (call.status() >= 400
                        && call.body() != null
                        && !call.body().isBlank()) {
                    line(s, "body", call.body().length() > 300 ? call.body().substring(0, 300) + "…" : call.body());
                }
            } else {
                s.append("status   no answer (").append(rootMessage(cause)).append(")\n");
            }
        }
        if (call == null || call.answered()) {
            line(s, "check", firstLines(cause));
        }
        s.append("next     ").append(next(cause).replace("\n", "\n         "));
        return s.toString();
    }

    private String next(Throwable cause) {
        String service = call == null ? null : SERVICES.get(call.port());
        String svc = service == null ? "the service" : service;
        String log = service == null ? "bin/bazaar logs <service>" : logs.apply(service);
        String message = String.valueOf(cause.getMessage());
        if (message.contains("Keycloak")) {
            return "Keycloak gave no token. Is it up? bin/devstack status; its log: bin/devstack logs keycloak;\n"
                    + "bin/bazaar up starts whatever is missing.";
        }
        if (call == null) {
            return "Nothing was called yet when this failed; the message above says why.";
        }
        if (!call.answered()) {
            if (isConnectFailure(cause)) {
                return svc + " does not answer on port " + call.port() + ". bin/bazaar status shows what runs;\n"
                        + "bin/bazaar up starts what is missing; why it stopped: " + log + ".";
            }
            return svc + " took too long to answer. Is the machine busy? bin/bazaar status; " + log + ".";
        }
        if (isTimeout(cause)) {
            return "What this step waits for travels between services over Kafka, and it did not arrive in time.\n"
                    + "bin/bazaar status and bin/devstack status show what runs; " + log
                    + " (and the logs of the\nservices the step names) show what went wrong. Then run the demo again.";
        }
        String type = String.valueOf(call.problemField("type"));
        int status = call.status();
        if (status == 401) {
            return "The token was refused: the services trust the Keycloak they were started with (:8180).\n"
                    + "Restart the platform: bin/bazaar down && bin/bazaar up.";
        }
        if (status == 402 && type.endsWith("/payment-blocked")) {
            return "payment's fraud rules blocked the payment (limits: bazaar.payments.fraud.* in\n"
                    + "payment-service/src/main/resources/application.properties; every decision and its reasons are in\n"
                    + "payment's fraud_decision table). The demo pays as a new buyer each run, so no run should trip them:\n"
                    + "look at " + logs.apply("payment") + ", then run the demo again.";
        }
        if (status == 402) {
            return "The payment provider (the sandbox) did not take the payment: " + logs.apply("payment") + ".";
        }
        if (status == 403) {
            return "The user lacks the role this call needs. The dev realm's users and roles come from\n"
                    + "devstack/src/main/resources/keycloak/bazaar-realm.json; to import it afresh (this empties the dev\n"
                    + "stores too): bin/bazaar down; bin/devstack reset --profile dev; bin/bazaar up.";
        }
        if (status == 429) {
            return "A rate limit answered" + retry() + ". Wait that long and run the demo again.";
        }
        if (status == 503) {
            return svc + " is busy or not ready" + retry() + ". Wait, check bin/bazaar status, and run the demo again.";
        }
        if (status >= 500) {
            return svc + " failed inside: its log has the stack trace"
                    + (call.problemField("errorId") == null ? "" : " (look for " + call.problemField("errorId") + ")")
                    + ": " + log + ".";
        }
        if (status == 404) {
            return "Not found where the demo expected it. Often an earlier step's event has not reached " + svc
                    + " yet:\n" + log + "; bin/bazaar status. Then run the demo again.";
        }
        if (status == 409 || status == 400 || status == 422) {
            return svc + " refused the request as the detail says. Run the demo again; if it stops here again,\n"
                    + "the dev stores may hold data the demo does not expect: bin/bazaar down; bin/devstack reset --profile"
                    + " dev;\nbin/bazaar up starts from empty stores.";
        }
        return svc + " answered, but not what the demo expects (the check above). " + log + " may say why;\n"
                + "if it is not a passing hiccup (run the demo again), please report this output.";
    }

    private String retry() {
        return call.retryAfter() == null ? "" : " (Retry-After: " + call.retryAfter() + " s)";
    }

    private static boolean isTimeout(Throwable t) {
        return t != null && t.getClass().getName().equals("org.awaitility.core.ConditionTimeoutException");
    }

    private static boolean isConnectFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException || c instanceof HttpConnectTimeoutException) {
                return true;
            }
            if (c instanceof SocketTimeoutException) {
                return false;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    }

    private static String firstLines(Throwable t) {
        String m = t.getMessage() == null
                ? t.getClass().getSimpleName()
                : t.getMessage().strip();
        String[] lines = m.split("\n");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, 6); i++) {
            if (!lines[i].isBlank()) {
                s.append(s.isEmpty() ? "" : "\n         ").append(lines[i].strip());
            }
        }
        return s.toString();
    }

    private static String join(String a, String b) {
        return a == null ? b : b == null ? a : a + " — " + b;
    }

    private static void line(StringBuilder s, String label, String value) {
        if (value != null && !value.isBlank()) {
            s.append(String.format("%-9s", label)).append(value).append('\n');
        }
    }
}
