package dev.bazaar.portal.rest;

import dev.bazaar.portal.client.AdminReturnClient.Escalations;
import dev.bazaar.portal.client.AdminReviewClient.Queue;
import dev.bazaar.portal.client.CatalogClient;
import dev.bazaar.portal.client.CatalogClient.Product;
import dev.bazaar.portal.client.CatalogClient.Shop;
import dev.bazaar.portal.client.NotificationClient.Inbox;
import dev.bazaar.portal.client.NotificationClient.Preference;
import dev.bazaar.portal.client.OrderClient.Detail;
import dev.bazaar.portal.client.OrderClient.Group;
import dev.bazaar.portal.client.OrderClient.Summary;
import dev.bazaar.portal.client.PaymentClient.Account;
import dev.bazaar.portal.client.PaymentClient.Balance;
import dev.bazaar.portal.client.PaymentClient.Payout;
import dev.bazaar.portal.client.ReviewClient.ReviewPage;
import dev.bazaar.portal.rest.Viewer.Who;
import dev.bazaar.portal.service.OrderFilters.Filter;
import dev.bazaar.portal.service.OrderFilters.Paging;
import dev.bazaar.portal.service.Parcels;
import dev.bazaar.portal.service.ProductDrafts.CategoryOption;
import dev.bazaar.portal.service.ProductDrafts.Row;
import dev.bazaar.portal.service.ProductImages;
import dev.bazaar.portal.service.RevisionDiffs;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import java.util.List;
import java.util.Map;

/**
 * The portal's pages ({@code templates/<name>.html}, a method {@code productForm} is {@code product-form.html}), with
 * their parameters checked against the templates at build time.
 */
@CheckedTemplate(defaultName = CheckedTemplate.HYPHENATED_ELEMENT_NAME)
public class Templates {

    /**
     * {@code summary}: the shop's order figures, null when the order service could not give them; {@code message}: why
     * a change of the return policy was refused (null), with {@code typed}, the value as typed.
     */
    public static native TemplateInstance dashboard(
            Who viewer,
            Shop shop,
            Summary summary,
            Balance balance,
            List<Payout> payouts,
            String message,
            String typed);

    /** The shop's status when it has one ({@code shop}), else the form to open one. */
    public static native TemplateInstance onboarding(
            Who viewer, Shop shop, Map<String, String> form, Map<String, String> errors);

    public static native TemplateInstance products(
            Who viewer, List<Product> items, String status, String q, List<String> statuses, String error);

    public static native TemplateInstance productForm(
            Who viewer,
            List<CategoryOption> categories,
            Map<String, String> form,
            List<Row> rows,
            Map<String, String> errors);

    /**
     * {@code revision}: its changes waiting for review or refused, or null; {@code images}: the images being edited;
     * {@code imageError}: why an upload or image change was refused (null), shown next to the image forms, with the
     * upload's alt text as typed ({@code typedAlt}).
     */
    public static native TemplateInstance product(
            Who viewer,
            Product p,
            RevisionDiffs.Shown revision,
            ProductImages.Gallery images,
            String error,
            String imageError,
            String typedAlt);

    /** A page of the shop's order groups; {@code paging} is null when there is no list to page through. */
    public static native TemplateInstance orders(
            Who viewer, Filter filter, List<String> statuses, List<Group> groups, Paging paging, String message);

    /**
     * {@code ship}: the ship form (shown while the group is paid or partly shipped), refilled as typed; {@code typed}:
     * the form sent, for a return's instructions ({@code returnId}, {@code instructions}).
     */
    public static native TemplateInstance order(
            Who viewer, Detail o, String message, Parcels.Form ship, Map<String, String> typed);

    /** A standalone page to print and put in the box: no navigation, no prices. */
    public static native TemplateInstance packingSlip(Detail o);

    /**
     * The shop's staff and the form to invite one; {@code message}: what happened or why the catalog refused
     * (null), with {@code typed}, the user name as typed; {@code noShop}: the viewer owns no shop (staff of another's).
     */
    public static native TemplateInstance staff(
            Who viewer, List<CatalogClient.StaffMember> members, boolean noShop, String message, String typed);

    public static native TemplateInstance payouts(
            Who viewer, Balance balance, List<Payout> history, Account account, String message);

    /**
     * The review queues and the returns no seller decided in time ({@code returns}: empty, with {@code returnsProblem}
     * saying why, when the order service could not give them).
     */
    public static native TemplateInstance admin(
            Who viewer,
            List<Shop> shops,
            List<Product> products,
            List<RevisionDiffs.Shown> revisions,
            Escalations returns,
            String returnsProblem,
            String message);

    /**
     * A page of the notification inbox, newest first ({@code inbox} null, with {@code message} saying why, when the
     * notification service could not give it; {@code more}: there is an older page).
     */
    public static native TemplateInstance notifications(
            Who viewer, Inbox inbox, int page, boolean more, String message);

    /**
     * The email preferences, a checkbox per type (an essential one ticked and disabled); {@code preferences} null,
     * with {@code problem} saying why, when the notification service could not give them; {@code message}: saved, or
     * why not.
     */
    public static native TemplateInstance notificationPreferences(
            Who viewer, List<Preference> preferences, String message, String problem);

    /**
     * A page of the shop's reviews, newest first, with an answer form for each published one: {@code status} the
     * filter ("" for all), {@code reviews} null (with {@code message} saying why) when the review service could not give
     * them, {@code cursor} where this page starts (null: the newest); {@code typed} refills one answer form as typed
     * (the review's id under "reviewId", the text under "body").
     */
    public static native TemplateInstance reviews(
            Who viewer,
            String status,
            List<String> statuses,
            ReviewPage reviews,
            String cursor,
            String message,
            Map<String, String> typed);

    /**
     * The reviews waiting for moderation, oldest first ({@code queue} empty, with {@code problem} saying why, when the
     * review service could not give them); {@code message}: why a decision was refused.
     */
    public static native TemplateInstance adminReviews(Who viewer, Queue queue, String problem, String message);

    public static native TemplateInstance signedOut();

    public static native TemplateInstance error(String title, String message, String reference, int status);

    /**
     * A seller's analytics: {@code answer} null (with {@code message} saying why) when the order service refused the
     * range; {@code chart} the figures as the charts read them; {@code top}, {@code commission}, {@code balance} null
     * when their service could not answer.
     */
    public static native TemplateInstance analytics(
            Who viewer,
            AnalyticsResource.Range range,
            dev.bazaar.portal.client.AnalyticsClient.Answer answer,
            dev.bazaar.portal.client.AnalyticsClient.Totals totals,
            String chart,
            dev.bazaar.portal.client.AnalyticsClient.TopProducts top,
            dev.bazaar.portal.client.CommissionClient.SellerCommission commission,
            Balance balance,
            dev.bazaar.portal.client.PaymentClient.NextPayout next,
            String message);

    /** The platform's analytics for admins, with the range's top shops or its categories ({@code groups}). */
    public static native TemplateInstance adminAnalytics(
            Who viewer,
            AnalyticsResource.Range range,
            dev.bazaar.portal.client.AnalyticsClient.Answer answer,
            dev.bazaar.portal.client.AnalyticsClient.Totals totals,
            String chart,
            List<dev.bazaar.portal.client.AnalyticsClient.Series> groups,
            String message);
}
