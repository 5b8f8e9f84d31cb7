package dev.bazaar.portal;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.Cookies;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's sign-in, without a browser: the portal's authorization-code flow against the test devstack's Keycloak
 * (user name = password, as in the test realm), ending with the portal's session cookies. The realm lets the portal
 * redirect only to localhost:8086 (and 28086), so the portal is asked as that host ({@code Host} header) while the
 * requests go to the test port. Sessions are kept per user for the test run.
 */
public final class SignedIn {

    static final String HOST = "localhost:8086";
    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");
    private static final String CSRF_COOKIE = "portal-csrf";
    private static final Map<String, Map<String, String>> SESSIONS = new ConcurrentHashMap<>();

    private SignedIn() {}

    /** A request of {@code user}'s browser to the portal (their session cookies, the portal's host). */
    public static RequestSpecification as(String user) {
        return given().redirects()
                .follow(false)
                .header("Host", HOST)
                .cookies(SESSIONS.computeIfAbsent(user, SignedIn::signIn));
    }

    /** A form of {@code page} as {@code user}'s browser sends it: the session, and the page's CSRF cookie and field. */
    public static RequestSpecification form(String user, String page) {
        Response shown = as(user).get(page);
        return as(user).cookie(CSRF_COOKIE, shown.getCookie(CSRF_COOKIE))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrfField(shown, page));
    }

    /** A {@code multipart/form-data} form of {@code page} (a file upload): the session, CSRF cookie and field. */
    public static RequestSpecification upload(String user, String page) {
        return upload(user, user, page);
    }

    /**
     * A file upload by {@code user} carrying the valid CSRF cookie and field of {@code page} as {@code shownTo} saw it:
     * for users who cannot see the page themselves, so that what refuses them is their role, not the CSRF check.
     */
    public static RequestSpecification upload(String user, String shownTo, String page) {
        Response shown = as(shownTo).get(page);
        return as(user).cookie(CSRF_COOKIE, shown.getCookie(CSRF_COOKIE))
                .contentType("multipart/form-data")
                .multiPart("csrf-token", csrfField(shown, page));
    }

    /** A form sent by {@code user} with the CSRF cookie and field of {@code page} as {@code shownTo} saw it. */
    public static RequestSpecification form(String user, String shownTo, String page) {
        Response shown = as(shownTo).get(page);
        return as(user).cookie(CSRF_COOKIE, shown.getCookie(CSRF_COOKIE))
                .contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", csrfField(shown, page));
    }

    private static String csrfField(Response shown, String page) {
        expect(shown, 200, page);
        Matcher token = CSRF_FIELD.matcher(shown.asString());
        if (!token.find()) {
            throw new AssertionError("no CSRF field on " + page);
        }
        return token.group(1);
    }

    private static Map<String, String> signIn(String user) {
        Map<String, String> portal = new HashMap<>();
        Response start = given().redirects().follow(false).header("Host", HOST).get("/");
        expect(start, 302, "the portal's redirect to sign in");
        portal.putAll(start.getCookies());
        Response login =
                given().redirects().follow(false).urlEncodingEnabled(false).get(start.header("Location"));
        expect(login, 200, "Keycloak's login page");
        Matcher form = LOGIN_FORM.matcher(login.asString());
        if (!form.find()) {
            throw new AssertionError("no login form on Keycloak's page");
        }
        Cookies keycloak = login.getDetailedCookies();
        Response back = given().redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .cookies(keycloak)
                .contentType("application/x-www-form-urlencoded")
                .formParam("username", user)
                .formParam("password", user)
                .post(form.group(1).replace("&amp;", "&"));
        expect(back, 302, "Keycloak's redirect back to the portal after the password");
        URI callback = URI.create(back.header("Location"));
        if (!(callback.getAuthority().equals(HOST) && callback.getRawQuery().contains("code="))) {
            throw new AssertionError("Keycloak did not send " + user + " back with a code: " + callback);
        }
        Response session = given().redirects()
                .follow(false)
                .urlEncodingEnabled(false)
                .header("Host", HOST)
                .cookies(portal)
                .get(callback.getRawPath() + "?" + callback.getRawQuery());
        expect(session, 302, "the portal's redirect after the code exchange");
        Map<String, String> cookies = new HashMap<>();
        session.getCookies().forEach((name, value) -> {
            if (name.startsWith("q_session")) {
                cookies.put(name, value);
            }
        });
        if (cookies.isEmpty()) {
            throw new AssertionError("the portal set no session cookie: " + session.getHeaders());
        }
        return cookies;
    }

    private static void expect(Response r, int status, String what) {
        if (r.statusCode() != status) {
            throw new AssertionError(what + ": HTTP " + r.statusCode() + " " + r.getHeaders() + "\n"
                    + r.asString().substring(0, Math.min(500, r.asString().length())));
        }
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
