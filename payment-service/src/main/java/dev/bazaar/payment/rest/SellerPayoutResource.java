package dev.bazaar.payment.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.payment.domain.NextPayout;
import dev.bazaar.payment.domain.PayoutAccount;
import dev.bazaar.payment.domain.PayoutView;
import dev.bazaar.payment.service.Payouts;
import dev.bazaar.payment.service.SellerBalances;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;

/** A seller's payout account, schedule and payouts — always their own shop's. */
@Path("/api/v1/seller")
@RolesAllowed("seller")
@Produces(MediaType.APPLICATION_JSON)
public class SellerPayoutResource {

    public record AccountRequest(
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
            String country) {}

    public record ScheduleRequest(
            @NotNull(message = "must be DAILY, WEEKLY or MONTHLY")
            PayoutAccount.Schedule interval) {}

    private final Payouts payouts;
    private final SellerBalances balances;
    private final CurrentUser user;
    private final Clock clock;

    public SellerPayoutResource(Payouts payouts, SellerBalances balances, CurrentUser user, Clock clock) {
        this.clock = clock;
        this.payouts = payouts;
        this.balances = balances;
        this.user = user;
    }

    /** Opens the connected account (once) and answers it with its onboarding link. */
    @POST
    @Path("payout-account")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PayoutAccount> openAccount(@Valid AccountRequest body) {
        String country = body == null || body.country() == null ? "US" : body.country();
        return balances.shopOf(user.subject()).flatMap(shop -> payouts.openAccount(shop, country));
    }

    /** The seller's payout account: verified or not, what the provider still requires, whether payouts are paused. */
    @GET
    @Path("payout-account")
    public Uni<PayoutAccount> account() {
        return balances.shopOf(user.subject()).flatMap(payouts::account).map(a -> {
            if (a == null) {
                throw new ProblemException.NotFound(
                        "No payout account yet: open one with POST " + "/api/v1/seller/payout-account.");
            }
            return a;
        });
    }

    /** A fresh onboarding link (the provider's expire within minutes), to give the provider what is due. */
    @POST
    @Path("payout-account/onboarding-link")
    public Uni<PayoutAccount> onboardingLink() {
        return balances.shopOf(user.subject()).flatMap(payouts::onboardingLink);
    }

    @PUT
    @Path("payout-schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<PayoutAccount> schedule(
            @Valid @NotNull(message = "a body with interval is required") ScheduleRequest body) {
        return balances.shopOf(user.subject()).flatMap(shop -> payouts.setSchedule(shop, body.interval()));
    }

    /**
     * The next payout as the payout run would make it now: its date (by the schedule and the last paid payout), its
     * amount (the available balance net of debt) and, when nothing would be paid, why.
     */
    @GET
    @Path("payouts/next")
    public Uni<NextPayout> next() {
        return balances.shopOf(user.subject()).flatMap(shop -> payouts.next(shop, clock.instant()));
    }

    @GET
    @Path("payouts")
    public Uni<List<PayoutView>> list() {
        return balances.shopOf(user.subject()).flatMap(payouts::of);
    }
}
