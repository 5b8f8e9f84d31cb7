package dev.bazaar.order.domain;

import java.util.Locale;

/**
 * How a carrier's tracking event finds the parcel it is about: the carrier's name trimmed and lower-cased (a seller
 * types "UPS" or "ups ", the webhook's path says {@code ups}), the tracking number upper-cased with every whitespace
 * removed (a seller types "1z 999 aa", the carrier sends "1Z999AA").
 */
public record TrackingKey(String carrier, String trackingNumber) {

    public static TrackingKey of(String carrier, String trackingNumber) {
        return new TrackingKey(
                carrier.strip().toLowerCase(Locale.ROOT),
                trackingNumber.replaceAll("\\s+", "").toUpperCase(Locale.ROOT));
    }
}
