package io.github.aiobmp.auth;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

/**
 * The request {@link AiobAuthFilter} sees, and no more: a fixed method and URI, the property by
 * which MicroProfile Rest Client names the interface method called (if given), and headers and
 * properties that keep the one value last set, without allocating, so that the benchmarks measure
 * the filter and not this. Everything else is unsupported.
 */
public final class FakeRequestContext implements ClientRequestContext {

    /** The property by which MicroProfile Rest Client names the interface method called. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    private final String method;
    private final URI uri;
    private final java.lang.reflect.Method invokedMethod;
    private final OneHeader headers = new OneHeader();
    private String propertyName;
    private Object propertyValue;

    /** A POST to {@code uri} from a plain JAX-RS client. */
    public FakeRequestContext(URI uri) {
        this("POST", uri, null);
    }

    /** A {@code method} request to {@code uri}, from the rest client method {@code invokedMethod} if not null. */
    public FakeRequestContext(String method, URI uri, java.lang.reflect.Method invokedMethod) {
        this.method = method;
        this.uri = uri;
        this.invokedMethod = invokedMethod;
    }

    /** Returns the value last set with {@code putSingle}, whatever its name. */
    public Object lastHeaderValue() {
        return headers.value;
    }

    /** Returns the name of the header last set with {@code putSingle}, or null. */
    public String lastHeaderName() {
        return headers.name;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public MultivaluedMap<String, Object> getHeaders() {
        return headers;
    }

    @Override
    public Object getProperty(String name) {
        if (name.equals(INVOKED_METHOD)) {
            return invokedMethod;
        }
        return name.equals(propertyName) ? propertyValue : null;
    }

    @Override
    public Collection<String> getPropertyNames() {
        throw unsupported();
    }

    /** Keeps the one property last set, as the filter sets one (the token it sent) per request. */
    @Override
    public void setProperty(String name, Object object) {
        propertyName = name;
        propertyValue = object;
    }

    @Override
    public void removeProperty(String name) {
        throw unsupported();
    }

    @Override
    public void setUri(URI newUri) {
        throw unsupported();
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public void setMethod(String method) {
        throw unsupported();
    }

    @Override
    public MultivaluedMap<String, String> getStringHeaders() {
        throw unsupported();
    }

    @Override
    public String getHeaderString(String name) {
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
    public MediaType getMediaType() {
        throw unsupported();
    }

    @Override
    public List<MediaType> getAcceptableMediaTypes() {
        throw unsupported();
    }

    @Override
    public List<Locale> getAcceptableLanguages() {
        throw unsupported();
    }

    @Override
    public Map<String, Cookie> getCookies() {
        throw unsupported();
    }

    @Override
    public boolean hasEntity() {
        return false;
    }

    @Override
    public Object getEntity() {
        throw unsupported();
    }

    @Override
    public Class<?> getEntityClass() {
        throw unsupported();
    }

    @Override
    public Type getEntityType() {
        throw unsupported();
    }

    @Override
    public void setEntity(Object entity) {
        throw unsupported();
    }

    @Override
    public void setEntity(Object entity, Annotation[] annotations, MediaType mediaType) {
        throw unsupported();
    }

    @Override
    public Annotation[] getEntityAnnotations() {
        throw unsupported();
    }

    @Override
    public OutputStream getEntityStream() {
        throw unsupported();
    }

    @Override
    public void setEntityStream(OutputStream outputStream) {
        throw unsupported();
    }

    @Override
    public Client getClient() {
        throw unsupported();
    }

    @Override
    public Configuration getConfiguration() {
        throw unsupported();
    }

    @Override
    public void abortWith(Response response) {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("not needed by AiobAuthFilter");
    }

    /**
     * Keeps its two written fields on cache lines of their own: the benchmark threads' requests may
     * end up side by side once the GC has copied them, and each thread writes its header on every
     * call. HotSpot lays out superclass fields first, so the padding sits in the hierarchy.
     */
    private abstract static class PaddingBefore extends AbstractMap<String, List<Object>> {
        long p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15, p16;
    }

    private abstract static class HeaderFields extends PaddingBefore {
        String name;
        Object value;
    }

    /** Headers that remember only the last {@code putSingle}. */
    private static final class OneHeader extends HeaderFields implements MultivaluedMap<String, Object> {

        long q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15, q16;

        @Override
        public void putSingle(String key, Object newValue) {
            name = key;
            value = newValue;
        }

        @Override
        public Object getFirst(String key) {
            return key.equalsIgnoreCase(name) ? value : null;
        }

        @Override
        public Set<Entry<String, List<Object>>> entrySet() {
            return name == null ? Set.of() : Set.of(Map.entry(name, List.of(value)));
        }

        @Override
        public void add(String key, Object newValue) {
            throw unsupported();
        }

        @Override
        @SafeVarargs
        public final void addAll(String key, Object... newValues) {
            throw unsupported();
        }

        @Override
        public void addAll(String key, List<Object> valueList) {
            throw unsupported();
        }

        @Override
        public void addFirst(String key, Object newValue) {
            throw unsupported();
        }

        @Override
        public boolean equalsIgnoreValueOrder(MultivaluedMap<String, Object> other) {
            throw unsupported();
        }
    }
}
