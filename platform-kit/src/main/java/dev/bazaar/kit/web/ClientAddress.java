package dev.bazaar.kit.web;

import dev.bazaar.kit.config.KitSettings;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The client's address as every service reads it for per-IP limits: {@code X-Forwarded-For} is believed only from the
 * proxies in {@code bazaar.kit.trusted-proxies} (exact addresses or CIDR blocks of the ingress; env
 * {@code BAZAAR_KIT_TRUSTED_PROXIES}); from anybody else, or when none is configured, the direct peer is the client.
 */
@ApplicationScoped
public class ClientAddress {

    private final ClientIp ips;

    public ClientAddress(KitSettings.Kit kit) {
        this.ips = new ClientIp(kit.trustedProxies().orElse(List.of()).stream()
                .filter(s -> !s.isBlank())
                .toList());
    }

    public String of(HttpServerRequest request) {
        return ips.resolve(
                request.remoteAddress() == null ? null : request.remoteAddress().hostAddress(),
                request.getHeader("X-Forwarded-For"));
    }
}
