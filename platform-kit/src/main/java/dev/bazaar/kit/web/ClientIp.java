package dev.bazaar.kit.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The client's address for per-IP limits. {@code X-Forwarded-For} is believed only when the direct peer is one of our
 * trusted proxies; then the right-most address that is not itself a trusted proxy is the client (entries further left
 * were written by the client and prove nothing). Only IP literals are parsed, so nothing here ever resolves a name.
 */
public final class ClientIp {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final List<Block> trusted;

    public ClientIp(List<String> trustedProxies) {
        List<Block> blocks = new ArrayList<>();
        for (String t : trustedProxies) {
            blocks.add(Block.parse(t.trim()));
        }
        this.trusted = List.copyOf(blocks);
    }

    public String resolve(String peer, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            byte[] address = literal(hop);
            if (address == null) {
                return peer; // garbage where our proxy should have written an address: trust nothing further left
            }
            if (!isTrusted(address)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean isTrusted(String address) {
        byte[] a = literal(address);
        return a != null && isTrusted(a);
    }

    private boolean isTrusted(byte[] address) {
        for (Block b : trusted) {
            if (b.contains(address)) {
                return true;
            }
        }
        return false;
    }

    static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(t).matches() && !IPV6.matcher(t).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address or a CIDR block. */
    record Block(byte[] network, int bits) {
        static Block parse(String text) {
            int slash = text.indexOf('/');
            byte[] net = literal(slash < 0 ? text : text.substring(0, slash));
            if (net == null) {
                throw new IllegalArgumentException("not an IP address or CIDR block: " + text);
            }
            int bits = slash < 0 ? net.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > net.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            return new Block(net, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
