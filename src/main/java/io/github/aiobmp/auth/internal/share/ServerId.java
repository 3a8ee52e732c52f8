package io.github.aiobmp.auth.internal.share;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * This server's name in leases and shared grants, made once as its sharing starts: its host and
 * HTTP port where the server says (Open Liberty's endpoint MBean), else its host and process id;
 * then {@code #} and 32 random bits in hex, so that two applications of one server, or a restarted
 * server, are not taken for each other. E.g. {@code app-7:9080#3fa2c41d}.
 */
final class ServerId {

    private static final Logger LOG = Logger.getLogger(ServerId.class.getName());
    /** Open Liberty's default HTTP endpoint ({@code EndPointInfoMBean}). */
    private static final String LIBERTY_HTTP_ENDPOINT = "WebSphere:feature=channelfw,type=endpoint,"
            + "name=defaultHttpEndpoint";

    private ServerId() {
    }

    /** Makes a new id for this server. */
    static String create() {
        // "pid@host", from the JVM itself: no name lookup, which a closed network may not answer.
        String runtime = ManagementFactory.getRuntimeMXBean().getName();
        int at = runtime.indexOf('@');
        String host = at < 0 ? "localhost" : runtime.substring(at + 1);
        String where = httpPort().map(port -> host + ":" + port)
                .orElseGet(() -> host + " pid " + ProcessHandle.current().pid());
        String incarnation = String.format(Locale.ROOT, "%08x", ThreadLocalRandom.current().nextInt());
        // '|' separates a lease's fields.
        return (where + "#" + incarnation).replace('|', '/');
    }

    private static Optional<Integer> httpPort() {
        try {
            Object port = ManagementFactory.getPlatformMBeanServer().getAttribute(
                    new ObjectName(LIBERTY_HTTP_ENDPOINT), "Port");
            return port instanceof Integer number && number > 0 ? Optional.of(number)
                    : Optional.empty();
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINEST, "No Open Liberty HTTP endpoint to name this server by", e);
            return Optional.empty();
        }
    }
}
