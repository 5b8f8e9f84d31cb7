package dev.bazaar.review.domain;

import java.util.List;

/**
 * A product's or shop's rating over its published reviews: how many, the mean stars in integer tenths (43 = 4.3,
 * rounded half up; 0 when there are none), the number of 1★ … 5★ reviews, and for a shop the mean of each of the three
 * scores in tenths. Always recomputed from the published reviews themselves, never adjusted by increments, so an edit,
 * a rejection, a removal or an event handled twice cannot leave it out of step.
 */
public record RatingSummary(int averageTenths, long count, List<Long> histogram, Dimensions dimensions) {

    /** A shop's three scores, each a mean in tenths (0 when there are no reviews). */
    public record Dimensions(int asDescribedTenths, int shippingTenths, int communicationTenths) {}

    /** One published review's part in a rating: its stars, and a seller review's scores (null for a product). */
    public record Contribution(int rating, ShopScores scores) {
        public Contribution {
            Stars.check("rating", rating);
        }
    }

    public RatingSummary {
        histogram = List.copyOf(histogram);
    }

    public static final RatingSummary NONE = new RatingSummary(0, 0, List.of(0L, 0L, 0L, 0L, 0L), null);

    /** The rating over {@code published}; {@code withDimensions}: a shop's (with the three scores' means). */
    public static RatingSummary of(List<Contribution> published, boolean withDimensions) {
        long[] histogram = new long[5];
        long stars = 0;
        long described = 0;
        long shipping = 0;
        long communication = 0;
        for (Contribution c : published) {
            histogram[c.rating() - 1]++;
            stars += c.rating();
            if (c.scores() != null) {
                described += c.scores().asDescribed();
                shipping += c.scores().shipping();
                communication += c.scores().communication();
            }
        }
        long count = published.size();
        Dimensions dimensions = withDimensions
                ? new Dimensions(tenths(described, count), tenths(shipping, count), tenths(communication, count))
                : null;
        return new RatingSummary(
                tenths(stars, count),
                count,
                List.of(histogram[0], histogram[1], histogram[2], histogram[3], histogram[4]),
                dimensions);
    }

    /** {@code sum / count} in tenths, half up, in integers only (sum·10/count + ½ = (20·sum + count) / (2·count)). */
    static int tenths(long sum, long count) {
        return count == 0 ? 0 : (int) ((20 * sum + count) / (2 * count));
    }
}
