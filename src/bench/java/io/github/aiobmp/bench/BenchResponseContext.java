package io.github.aiobmp.bench;

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
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.Link.Builder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response.StatusType;

/**
 * An AIOB answer of HTTP 200 as the response filter sees it: a JSON envelope with {@code code}
 * 200, as the realtime call returns. {@link #next()} makes it a new answer with an unread body.
 * Only what {@link io.github.aiobmp.auth.AiobAuthFilter} reads is implemented.
 */
final class BenchResponseContext implements ClientResponseContext {

    /** A realtime call's answer, as the simulator (and AIOB, per its documentation) writes it. */
    private static final byte[] BODY = "{\"code\":200,\"data\":{\"memberId\":\"m-0123456789abcdef\"},\"msg\":\"success\"}"
            .getBytes(StandardCharsets.UTF_8);

    private InputStream entity;

    /** Starts a new answer whose body is unread. */
    BenchResponseContext next() {
        entity = new ByteArrayInputStream(BODY);
        return this;
    }

    @Override
    public int getStatus() {
        return 200;
    }

    @Override
    public boolean hasEntity() {
        return true;
    }

    @Override
    public MediaType getMediaType() {
        return MediaType.APPLICATION_JSON_TYPE;
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
        return BODY.length;
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
        throw unsupported();
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
