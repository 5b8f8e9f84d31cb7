package dev.bazaar.notification.rest;

import dev.bazaar.kit.problem.ProblemException;
import dev.bazaar.kit.tenancy.CurrentUser;
import dev.bazaar.notification.domain.Audience;
import dev.bazaar.notification.domain.NotificationType;
import dev.bazaar.notification.domain.Preferences;
import dev.bazaar.notification.service.NotificationPreferences;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A seller's or buyer's own email preferences: {@code GET} lists every type they can receive
 * ({@code [{type, essential, muted}]}, {@code type} as {@code seller-return-requested}); {@code PUT}
 * {@code {"muted": [...]}} makes those the muted types — all or nothing: an unknown type, an essential one or one not
 * sent to the caller is 400 and changes nothing. The caller is the token's subject: nobody reads or changes another
 * person's preferences. A seller who also buys sees both audiences' types. Admins and services have no preferences
 * (403): the marketplace's own mail to them is not muted.
 */
@Path("/api/v1/notifications/preferences")
@RolesAllowed({"seller", "buyer"})
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {

    /** One type as the caller sees it. */
    public record PreferenceView(String type, boolean essential, boolean muted) {
        static PreferenceView of(NotificationPreferences.Preference p) {
            return new PreferenceView(p.type().template(), p.essential(), p.muted());
        }
    }

    /**
     * The types to mute (template names such as {@code seller-return-requested}, or enum names); every other one is
     * sent. The longest name is 32 characters.
     */
    public record MutedRequest(
            @NotNull(message = "is required: the list of types to mute, maybe empty")
            @Size(max = Preferences.MAX_NAMES, message = "has at most " + Preferences.MAX_NAMES + " types")
            List<@Size(max = 64, message = "each type is at most 64 characters") String> muted) {}

    private final NotificationPreferences preferences;
    private final CurrentUser user;

    public PreferencesResource(NotificationPreferences preferences, CurrentUser user) {
        this.preferences = preferences;
        this.user = user;
    }

    @GET
    public Uni<List<PreferenceView>> get() {
        return preferences.of(user.subject(), audiences()).map(PreferencesResource::views);
    }

    /** Replaces the caller's muted types; answers the preferences as they now are. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<List<PreferenceView>> put(
            @Valid @NotNull(message = "a body {\"muted\": [...]} is required") MutedRequest body) {
        Set<Audience> audiences = audiences();
        Set<NotificationType> muted;
        try {
            muted = Preferences.mutedSet(body.muted(), audiences);
        } catch (Preferences.NotMutable e) {
            throw new ProblemException.Invalid("muted", e.getMessage());
        }
        return preferences.replace(user.subject(), audiences, muted).map(PreferencesResource::views);
    }

    private Set<Audience> audiences() {
        Set<Audience> out = EnumSet.noneOf(Audience.class);
        if (user.hasRole("seller")) {
            out.add(Audience.SELLER);
        }
        if (user.hasRole("buyer")) {
            out.add(Audience.BUYER);
        }
        return out;
    }

    private static List<PreferenceView> views(List<NotificationPreferences.Preference> list) {
        return list.stream().map(PreferenceView::of).toList();
    }
}
