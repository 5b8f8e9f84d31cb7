package dev.bazaar.kit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientIpTest {

    @Test
    void forwardedHeadersFromAnUntrustedPeerAreIgnored() {
        ClientIp ips = new ClientIp(List.of("10.0.0.0/8"));
        assertThat(ips.resolve("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
        assertThat(new ClientIp(List.of()).resolve("127.0.0.1", "203.0.113.9")).isEqualTo("127.0.0.1");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientIp ips = new ClientIp(List.of("10.0.0.0/8", "192.168.1.5"));
        assertThat(ips.resolve("10.1.2.3", "203.0.113.9")).isEqualTo("203.0.113.9");
        // the client put a fake address first; our proxies appended the real one and their own
        assertThat(ips.resolve("10.1.2.3", "1.2.3.4, 203.0.113.9, 192.168.1.5")).isEqualTo("203.0.113.9");
        assertThat(ips.resolve("192.168.1.5", "10.9.9.9")).isEqualTo("192.168.1.5");
    }

    @Test
    void garbageOrNamesAreNeverResolved() {
        ClientIp ips = new ClientIp(List.of("10.0.0.0/8"));
        assertThat(ips.resolve("10.1.2.3", "evil.example.com")).isEqualTo("10.1.2.3");
        assertThat(ips.resolve("10.1.2.3", "203.0.113.9, <script>")).isEqualTo("10.1.2.3");
        assertThat(ClientIp.literal("localhost")).isNull();
    }

    @Test
    void ipv6BlocksWork() {
        ClientIp ips = new ClientIp(List.of("fd00::/8"));
        assertThat(ips.resolve("fd12::1", "2001:db8::42")).isEqualTo("2001:db8::42");
        assertThat(ips.resolve("2001:db8::1", "2001:db8::42")).isEqualTo("2001:db8::1");
    }

    @Test
    void aBadTrustedProxyIsAConfigurationError() {
        assertThatThrownBy(() -> new ClientIp(List.of("proxy.internal"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientIp(List.of("10.0.0.0/33"))).isInstanceOf(IllegalArgumentException.class);
    }
}
