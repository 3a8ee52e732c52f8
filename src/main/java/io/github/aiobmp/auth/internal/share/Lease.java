package io.github.aiobmp.auth.internal.share;

import java.time.Instant;
import java.util.Optional;

/**
 * A lease as the store holds it: which server holds it ({@link ServerId}), for which of its
 * fetches, since when, and when it last renewed it. Written as
 * {@code lease1|<server>|<attempt>|<since ms>|<renewed ms>}: the value changes with each renewal,
 * so that a compare-and-set replaces it, and a waiting server can say who holds it since when.
 *
 * @param server    the holder's server id
 * @param attempt   which of the server's fetches took it
 * @param since     when it was taken
 * @param renewedAt when its holder last renewed it (taking it counts)
 */
record Lease(String server, long attempt, Instant since, Instant renewedAt) {

    private static final String VERSION = "lease1";

    /** A lease taken now by {@code server}'s fetch {@code attempt}. */
    static Lease taken(String server, long attempt, Instant now) {
        return new Lease(server, attempt, now, now);
    }

    /** The same lease, renewed at {@code now}. */
    Lease renewed(Instant now) {
        return new Lease(server, attempt, since, now);
    }

    String encode() {
        return VERSION + "|" + server + "|" + attempt + "|" + since.toEpochMilli() + "|" + renewedAt.toEpochMilli();
    }

    /** Reads what {@link #encode} wrote; empty for anything else, e.g. a lease of another version. */
    static Optional<Lease> parse(String value) {
        String[] fields = value.split("\\|", -1);
        if (fields.length != 5 || !fields[0].equals(VERSION)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Lease(fields[1], Long.parseLong(fields[2]),
                    Instant.ofEpochMilli(Long.parseLong(fields[3])), Instant.ofEpochMilli(Long.parseLong(fields[4]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** How a waiting server names the holder, e.g. {@code server host:9081#3fa2c41d holds … since …}. */
    static String describe(String value) {
        return parse(value).map(lease -> "server " + lease.server() + " holds the token store's lease since "
                + lease.since()).orElse("another server holds the token store's lease");
    }
}
