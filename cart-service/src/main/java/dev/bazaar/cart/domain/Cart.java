package dev.bazaar.cart.domain;

import java.util.List;

/** A cart as stored: its id and lines. Pricing and warnings are added when a cart is read (cart issue). */
public record Cart(String id, List<CartLine> items, int itemCount) {

    public static Cart of(String id, List<CartLine> items) {
        return new Cart(id, List.copyOf(items), items.stream().mapToInt(CartLine::quantity).sum());
    }
}
