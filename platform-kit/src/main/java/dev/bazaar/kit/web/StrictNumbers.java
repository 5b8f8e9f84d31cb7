package dev.bazaar.kit.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies read numbers as written: a fraction where a whole number is expected (money is integer minor units,
 * quantities and stock are counts) is a 400 naming the field, never quietly cut — by default Jackson reads
 * {@code "amount": 19.99} into a {@code long} as 19, a price a cent short of what the seller typed, and a quantity of
 * 1.5 as 1. Every service's REST layer uses this mapper; the Kafka codec already refuses fractions on its own.
 */
@Singleton
public class StrictNumbers implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }
}
