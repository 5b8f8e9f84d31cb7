package dev.bazaar.portal.service;

import dev.bazaar.portal.client.AnalyticsClient.Answer;
import dev.bazaar.portal.client.AnalyticsClient.Point;
import dev.bazaar.portal.client.AnalyticsClient.Series;
import java.util.regex.Pattern;

/**
 * The analytics the charts show, as CSV (RFC 4180): one row per series and period, the same numbers as the order
 * service's answer — money in minor units, ratios in basis points — so a spreadsheet can sum them exactly. A key
 * (shop or category id) is quoted if it ever holds a comma or a quote, and a cell that a spreadsheet would run as a
 * formula (starting with {@code = + - @}) is prefixed with a quote.
 */
public final class AnalyticsCsv {

    static final String HEADER = "series,period,currency,gmv_minor,orders,items,average_order_value_minor,"
            + "commission_minor,take_rate_bps,refunds_minor,refund_count,returned_items,return_rate_bps,payouts_minor";
    private static final Pattern NEEDS_QUOTES = Pattern.compile("[\",\r\n]");

    private AnalyticsCsv() {}

    public static String of(Answer answer) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (Series s : answer.series()) {
            for (Point p : s.points()) {
                out.append(cell(s.key()))
                        .append(',')
                        .append(cell(p.period()))
                        .append(',')
                        .append(cell(answer.currency()))
                        .append(',')
                        .append(p.gmv())
                        .append(',')
                        .append(p.orders())
                        .append(',')
                        .append(p.items())
                        .append(',')
                        .append(p.averageOrderValue())
                        .append(',')
                        .append(p.commission())
                        .append(',')
                        .append(p.takeRateBps())
                        .append(',')
                        .append(p.refunds())
                        .append(',')
                        .append(p.refundCount())
                        .append(',')
                        .append(p.returnedItems())
                        .append(',')
                        .append(p.returnRateBps())
                        .append(',')
                        .append(p.payouts())
                        .append("\r\n");
            }
        }
        return out.toString();
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return NEEDS_QUOTES.matcher(v).find() ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
