package dev.bazaar.portal.service;

import dev.bazaar.portal.client.Money;
import dev.bazaar.portal.client.OrderClient.Group;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The dashboard's figures: today's and the last 30 days' sales, orders waiting to ship, returns waiting for a decision. */
public record Figures(Money today, Money month, int toShip, int returns) {

    /** From the shop's order groups: sales count groups paid or later (not placed, not cancelled). */
    public static Figures of(List<Group> groups, Instant now) {
        String today = now.toString().substring(0, 10);
        long todaySales = 0;
        long monthSales = 0;
        int toShip = 0;
        int returns = 0;
        for (Group g : groups) {
            String status = String.valueOf(g.status());
            Instant placed = g.placedAt();
            long amount = g.total().amount();
            boolean sold = !status.equals("CANCELLED") && !status.equals("PLACED");
            if (sold && placed.isAfter(now.minus(30, ChronoUnit.DAYS))) {
                monthSales += amount;
            }
            if (sold && placed.toString().startsWith(today)) {
                todaySales += amount;
            }
            if (status.equals("PAID")) {
                toShip++;
            }
            if (g.returns() != null) {
                returns += (int) g.returns().stream().filter(r -> "REQUESTED".equals(r.status())).count();
            }
        }
        return new Figures(Money.usd(todaySales), Money.usd(monthSales), toShip, returns);
    }
}
