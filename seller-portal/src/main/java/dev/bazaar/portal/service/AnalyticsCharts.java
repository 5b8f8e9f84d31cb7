package dev.bazaar.portal.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bazaar.portal.client.AnalyticsClient.Answer;
import dev.bazaar.portal.client.AnalyticsClient.Point;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The analytics the charts draw: the first series of an answer as arrays per figure, money in minor units. */
@ApplicationScoped
public class AnalyticsCharts {

    private final ObjectMapper json;

    public AnalyticsCharts(ObjectMapper json) {
        this.json = json;
    }

    /** As JSON safe inside a {@code <script type="application/json">} element; null without figures. */
    public String data(Answer answer) {
        if (answer == null || answer.series() == null || answer.series().isEmpty()) {
            return null;
        }
        List<Point> points = answer.series().getFirst().points();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("interval", answer.interval());
        data.put("periods", points.stream().map(Point::period).toList());
        data.put("gmv", values(points, Point::gmv));
        data.put("orders", values(points, Point::orders));
        data.put("items", values(points, Point::items));
        data.put("commission", values(points, Point::commission));
        data.put("refunds", values(points, Point::refunds));
        data.put("returnedItems", values(points, Point::returnedItems));
        data.put("payouts", values(points, Point::payouts));
        try {
            return json.writeValueAsString(data).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Long> values(List<Point> points, ToLongFunction<Point> figure) {
        return points.stream().map(figure::applyAsLong).toList();
    }
}
