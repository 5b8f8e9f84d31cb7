package dev.bazaar.catalog.domain;

import dev.bazaar.kit.problem.ProblemException;

/**
 * A shop's return policy: how many days after delivery a buyer may ask to return items of an order placed under it,
 * 0 to 90 (0: the shop takes no returns); 30 until the seller sets one. Orders keep the window they were placed under.
 */
public final class ReturnWindow {

    public static final int MIN_DAYS = 0;
    public static final int MAX_DAYS = 90;
    public static final int DEFAULT_DAYS = 30;

    private ReturnWindow() {}

    /** {@code days} if it is a window a shop may have; else 400 on {@code returnWindowDays}. */
    public static int check(int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new ProblemException.Invalid("returnWindowDays", "is 0 to 90 days");
        }
        return days;
    }
}
