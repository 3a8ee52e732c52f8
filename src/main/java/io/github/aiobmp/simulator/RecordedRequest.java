package io.github.aiobmp.simulator;

import java.util.Objects;

/**
 * One API call the simulator received.
 *
 * @param method        the HTTP method
 * @param path          the AIOB path, such as {@code /api/v1/robot/list}, without the query
 * @param authorization the raw {@code Authorization} header, or null when the call had none
 */
public record RecordedRequest(String method, String path, String authorization) {

    /** Checks that method and path are present. */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    /** Says whether the call carried an Authorization header, without showing it. */
    @Override
    public String toString() {
        return "RecordedRequest[method=" + method + ", path=" + path + ", authorization="
                + (authorization == null ? "absent" : "present") + "]";
    }
}
