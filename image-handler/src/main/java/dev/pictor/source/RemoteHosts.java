package dev.pictor.source;

import dev.pictor.error.ImageException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which remote hosts images may be fetched from ({@code HTTP_SOURCES}): exact names, {@code *.example.com} for any
 * name below one, or {@code *} for any; and whether they may resolve to a private, loopback or link-local address
 * (never, unless {@code HTTP_SOURCES_ALLOW_PRIVATE}): a URL must not reach the instance metadata service or the VPC.
 */
public record RemoteHosts(List<String> patterns, boolean allowPrivate) {

    public static final RemoteHosts NONE = new RemoteHosts(List.of(), false);

    public RemoteHosts {
        patterns = List.copyOf(patterns);
    }

    /** A comma list of patterns, or the reason it is not one. */
    public static RemoteHosts parse(String list, boolean allowPrivate) {
        List<String> patterns = Arrays.stream(list.split(",")).map(p -> p.trim().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty()).toList();
        for (String pattern : patterns) {
            if (!pattern.equals("*") && !pattern.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")
                    && !pattern.matches("[0-9.]+|\\[[0-9a-f:.]+]")) {
                throw new IllegalArgumentException("'" + pattern + "' is not a host name, *.domain, * or an address");
            }
        }
        return new RemoteHosts(patterns, allowPrivate);
    }

    public boolean enabled() {
        return !patterns.isEmpty();
    }

    /** Whether {@code host} (as a URI holds it) matches a pattern. */
    public boolean allows(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        for (String pattern : patterns) {
            if (pattern.equals("*") || pattern.equals(name)
                    || pattern.startsWith("*.") && name.endsWith(pattern.substring(1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The URI if it may be fetched: http or https, no user info, an allowed host whose every address is public
     * (unless private ones are allowed). Checked for the first URL and again for every redirect.
     */
    URI check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw ImageException.badRequest("InvalidRemoteUrl", "a remote image must be an http or https URL with a"
                    + " host and no user name or password");
        }
        if (!allows(uri.getHost())) {
            throw ImageException.forbidden("RemoteHostNotAllowed", "images are not fetched from " + uri.getHost()
                    + ": it is not in HTTP_SOURCES");
        }
        if (!allowPrivate) {
            InetAddress[] addresses;
            try {
                addresses = InetAddress.getAllByName(uri.getHost());
            } catch (UnknownHostException e) {
                throw new ImageException(ImageException.Kind.BAD_GATEWAY, "RemoteUnreachable",
                        "the remote host " + uri.getHost() + " is not known");
            }
            for (InetAddress address : addresses) {
                if (!isPublic(address)) {
                    throw ImageException.forbidden("RemoteAddressNotAllowed", "images are not fetched from "
                            + uri.getHost() + ": it resolves to a private, loopback or link-local address");
                }
            }
        }
        return uri;
    }

    /**
     * An address on the public internet: not loopback, private (RFC 1918, unique local), link-local (the instance
     * metadata service), shared (carrier NAT), multicast, unspecified or reserved; an IPv6 address holding an IPv4 one
     * (mapped, translated, compatible, NAT64, 6to4) is judged by that; Teredo
     * and discard-only addresses are not public.
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first != 0 && first < 224 && !(first == 100 && second >= 64 && second < 128)
                    && !(first == 192 && second == 0 && (b[2] & 0xFF) == 0) && !(first == 198 && (second & 0xFE) == 18);
        }
        if (address instanceof Inet6Address) {
            boolean zeroPrefix = true;
            for (int i = 0; i < 8; i++) {
                zeroPrefix &= b[i] == 0;
            }
            // IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d), as a resolver may return them:
            // a dual-stack socket reaches the IPv4 address.
            if (zeroPrefix && (b[8] == 0 && b[9] == 0 && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF
                    || b[8] == (byte) 0xFF && b[9] == (byte) 0xFF && b[10] == 0 && b[11] == 0)) {
                return isPublic(v4(b, 12));
            }
            // Unique local; Teredo (2001:0::/32, tunnels to an IPv4 address); discard-only (100::/64).
            if ((b[0] & 0xFE) == 0xFC || b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0
                    || b[0] == 0x01 && zeroPrefix(b, 1, 8)) {
                return false;
            }
            if (b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xFF && b[3] == (byte) 0x9B) {
                return isPublic(v4(b, 12));
            }
            if (b[0] == 0x20 && b[1] == 0x02) {
                return isPublic(v4(b, 2));
            }
            boolean compatible = true;
            for (int i = 0; i < 12; i++) {
                compatible &= b[i] == 0;
            }
            return !compatible || isPublic(v4(b, 12));
        }
        return false;
    }

    private static boolean zeroPrefix(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress v4(byte[] b, int offset) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
