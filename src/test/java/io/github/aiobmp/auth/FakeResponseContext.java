package io.github.aiobmp.auth;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Link.Builder;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response.StatusType;

/**
 * An answer as {@link AiobAuthFilter}'s response half sees it: a status, a media type, a body and
 * a {@code Location}. {@link #next()} makes it a new answer with its body unread, without
 * allocating more than the stream, so that the benchmarks measure the filter and not this. Only
 * what the filter reads is implemented.
 */
public final class FakeResponseContext implements ClientResponseContext {

    /** A realtime call's answer, as the simulator (and AIOB, per its documentation) writes it. */
    public static final String REALTIME_CALL_ANSWER =
            "{\"code\":200,\"data\":{\"memberId\":\"m-0123456789abcdef\"},\"msg\":\"success\"}";

    private final int status;
    private final MediaType mediaType;
    private final byte[] body;
    private final URI location;
    private InputStream entity;

    private FakeResponseContext(int status, MediaType mediaType, byte[] body, URI location) {
        this.status = status;
        this.mediaType = mediaType;
        this.body = body;
        this.location = location;
        next();
    }

    /** An answer of {@code status} with a JSON body. */
    public static FakeResponseContext json(int status, String body) {
        return new FakeResponseContext(status, MediaType.APPLICATION_JSON_TYPE, body.getBytes(StandardCharsets.UTF_8),
                null);
    }

    /** A redirect to {@code location}, or with no {@code Location} when it is null. */
    public static FakeResponseContext redirect(int status, URI location) {
        return new FakeResponseContext(status, null, new byte[0], location);
    }

    /** Starts a new answer whose body is unread. */
    public FakeResponseContext next() {
        entity = new ByteArrayInputStream(body);
        return this;
    }

    /** Returns the body as the next reader would find it: what the filter left of it. */
    public String remainingBody() throws java.io.IOException {
        return new String(entity.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public boolean hasEntity() {
        return body.length > 0;
    }

    @Override
    public MediaType getMediaType() {
        return mediaType;
    }

    @Override
    public InputStream getEntityStream() {
        return entity;
    }

    @Override
    public void setEntityStream(InputStream input) {
        entity = input;
    }

    @Override
    public void setStatus(int code) {
        throw unsupported();
    }

    @Override
    public StatusType getStatusInfo() {
        throw unsupported();
    }

    @Override
    public void setStatusInfo(StatusType statusInfo) {
        throw unsupported();
    }

    @Override
    public MultivaluedMap<String, String> getHeaders() {
        throw unsupported();
    }

    @Override
    public String getHeaderString(String name) {
        throw unsupported();
    }

    @Override
    public Set<String> getAllowedMethods() {
        throw unsupported();
    }

    @Override
    public Date getDate() {
        throw unsupported();
    }

    @Override
    public Locale getLanguage() {
        throw unsupported();
    }

    @Override
    public int getLength() {
        return body.length;
    }

    @Override
    public Map<String, NewCookie> getCookies() {
        throw unsupported();
    }

    @Override
    public EntityTag getEntityTag() {
        throw unsupported();
    }

    @Override
    public Date getLastModified() {
        throw unsupported();
    }

    @Override
    public URI getLocation() {
        return location;
    }

    @Override
    public Set<Link> getLinks() {
        throw unsupported();
    }

    @Override
    public boolean hasLink(String relation) {
        throw unsupported();
    }

    @Override
    public Link getLink(String relation) {
        throw unsupported();
    }

    @Override
    public Builder getLinkBuilder(String relation) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not read by AiobAuthFilter");
    }
}
