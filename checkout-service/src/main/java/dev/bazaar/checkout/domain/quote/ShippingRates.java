package dev.bazaar.checkout.domain.quote;

import dev.bazaar.contracts.money.Money;
import java.util.UUID;

/** Shipping per seller group; rate tables are the default, a provider like Shippo would implement this too. */
public interface ShippingRates {

    /** One seller's parcel: what it weighs and what its goods cost (for "free above"). */
    record Parcel(UUID shopId, int weightGrams, Money goods, Destination destination) {}

    Money priceOf(Parcel parcel);
}
