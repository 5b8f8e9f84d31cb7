package dev.bazaar.portal.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The payment service's seller API (balance, payout account, schedule, payouts), with the signed-in user's own
 * access token. Each call times out after 5 s ({@code dev.bazaar.portal.client.PaymentClient/Timeout/value}, in ms).
 */
@RegisterRestClient(configKey = "payment")
@RegisterProvider(Refusals.class)
@RegisterClientHeaders(UserToken.class)
@Timeout(value = 5, unit = ChronoUnit.SECONDS)
@Path("/api/v1/seller")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PaymentClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Balance(Money pending, Money available, Money inTransit, Money paidOut) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payout(Money amount, String status, Instant createdAt) {}

    /** What the provider still needs before (or to keep) paying the seller out. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Requirements(List<String> currentlyDue, List<String> pastDue, String disabledReason, Instant deadline) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Account(
            String accountId,
            boolean verified,
            boolean payoutsPaused,
            String onboardingUrl,
            Requirements requirements) {}

    /**
     * The next payout as the payout run would make it now: its date (null without an account), amount, and when
     * nothing would be paid, why ({@code no-payout-account}, {@code account-not-verified}, {@code requirements-due},
     * {@code nothing-available}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record NextPayout(
            Instant date, Money amount, boolean willPay, String blockedBy, String schedule, Instant lastPaid) {}

    record AccountRequest(String country) {}

    record Schedule(String interval) {}

    @GET
    @Path("balance")
    Uni<Balance> balance();

    @GET
    @Path("payouts")
    Uni<List<Payout>> payouts();

    @GET
    @Path("payouts/next")
    Uni<NextPayout> nextPayout();

    @GET
    @Path("payout-account")
    Uni<Account> account();

    @POST
    @Path("payout-account")
    Uni<Account> openAccount(AccountRequest request);

    @POST
    @Path("payout-account/onboarding-link")
    Uni<Account> onboardingLink();

    @PUT
    @Path("payout-schedule")
    Uni<Void> schedule(Schedule schedule);
}
