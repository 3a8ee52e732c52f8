package io.github.aiobmp.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A loopback HTTPS server standing in for AIOB, in the test JVM: every request gets a success
 * envelope carrying {@link #TOKEN} (which reads as a getToken answer and as an API answer), and is
 * recorded with its {@code Authorization} header. Its certificate decides who trusts it.
 */
final class StubHttpsAiob implements AutoCloseable {

    static final String TOKEN = "cc-api-auth-v2/stub-https-token";

    /** One request that got past the TLS handshake. */
    record Call(String method, String path, String authorization) {
    }

    private static final String ANSWER = "{\"time\":0,\"code\":200,\"msg\":\"OK\",\"requestId\":\"stub\","
            + "\"data\":{\"accessToken\":\"" + TOKEN + "\",\"expiresTime\":43200,\"memberId\":\"stub-member\"}}";

    private final HttpsServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private StubHttpsAiob(KeyStore keys, char[] password) throws IOException, GeneralSecurityException {
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::answer);
        server.start();
    }

    /** With a certificate made by keytool for this run only: trusted by no one. */
    static StubHttpsAiob withThrowawayCertificate() {
        char[] password = UUID.randomUUID().toString().toCharArray();
        return start(() -> throwawayKeyStore(password), password);
    }

    /** With the key in {@code file}, a PKCS12 key store. */
    static StubHttpsAiob withKeyStore(Path file, String password) {
        return start(() -> load(file, password.toCharArray()), password.toCharArray());
    }

    /** Its base URL, through the host name its certificate names, so that only trust can fail. */
    String url() {
        return "https://localhost:" + server.getAddress().getPort() + "/aiob";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private interface KeySource {
        KeyStore keys() throws IOException, GeneralSecurityException;
    }

    private static StubHttpsAiob start(KeySource source, char[] password) {
        try {
            return new StubHttpsAiob(source.keys(), password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore throwawayKeyStore(char[] password) throws IOException, GeneralSecurityException {
        Path dir = Files.createTempDirectory("stub-https-aiob");
        Path file = dir.resolve("throwaway.p12");
        try {
            keytool("-genkeypair", "-alias", "stub", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                    "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", file.toString(), "-storepass", new String(password));
            return load(file, password);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in, password);
        }
        return keys;
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
