package dev.bazaar.cart.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.contracts.money.Money;
import java.util.UUID;

/**
 * What an add or a quantity change answers: the cart, the line as it is now (absent when it was removed) and how many
 * lines the cart has. Cheap by design: the full re-priced cart is one GET away.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CartChange(String cartId, Line item, int lineCount) {

    public record Line(
            UUID variantId,
            UUID productId,
            UUID shopId,
            String title,
            int quantity,
            Money unitPrice,
            Money lineTotal) {}
}
