package dev.bazaar.contracts.shipping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tracking page of a parcel for the carriers buyers meet most; another carrier has no link (the number is still
 * shown). One table for every service that shows a parcel (order views, notification emails). The carrier is matched
 * by name, case and surrounding spaces ignored; the number is URL-encoded.
 */
public final class TrackingLinks {

    private static final Map<String, String> PAGES = Map.of(
            "ups", "https://www.ups.com/track?tracknum=",
            "fedex", "https://www.fedex.com/fedextrack/?trknbr=",
            "usps", "https://tools.usps.com/go/TrackConfirmAction?tLabels=",
            "dhl", "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=");

    private TrackingLinks() {}

    public static Optional<String> urlFor(String carrier, String trackingNumber) {
        if (carrier == null || trackingNumber == null || trackingNumber.isBlank()) {
            return Optional.empty();
        }
        String page = PAGES.get(carrier.strip().toLowerCase(Locale.ROOT));
        return page == null
                ? Optional.empty()
                : Optional.of(page + URLEncoder.encode(trackingNumber.strip(), StandardCharsets.UTF_8));
    }
}
