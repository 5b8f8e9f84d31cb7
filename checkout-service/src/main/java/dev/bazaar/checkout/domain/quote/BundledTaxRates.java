package dev.bazaar.checkout.domain.quote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled rate table ({@code tax/rates.csv}): US state base rates (no local rates), EU standard VAT, Canadian
 * GST/HST (and GST + PST/QST), each saying whether shipping is taxed. Countries in the table without regions apply
 * one rate; US and Canadian destinations need their state or province. Anywhere else the platform does not ship.
 */
public final class BundledTaxRates implements TaxRates {

    private final Map<String, Rate> rates;

    public BundledTaxRates(Map<String, Rate> rates) {
        this.rates = Map.copyOf(rates);
    }

    public static BundledTaxRates load() {
        try (InputStream in = BundledTaxRates.class.getResourceAsStream("/tax/rates.csv")) {
            if (in == null) {
                throw new IllegalStateException("missing tax/rates.csv");
            }
            Map<String, Rate> rates = new HashMap<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                rates.put(key(f[0], f[1]), new Rate(Long.parseLong(f[2]), Boolean.parseBoolean(f[3])));
            }
            return new BundledTaxRates(rates);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Rate> rateFor(Destination d) {
        Rate regional = d.region() == null ? null : rates.get(key(d.country(), d.region()));
        return Optional.ofNullable(regional != null ? regional : rates.get(key(d.country(), "")));
    }

    private static String key(String country, String region) {
        return country + ":" + region;
    }
}
