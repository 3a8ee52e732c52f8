package io.github.aiobmp.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The body of {@code PUT control/faults}: every field is optional, and only the fields given are
 * applied. Enum values are taken as text so that a bad one gets a message naming the field.
 *
 * @param failTokenRequests how many getToken calls to fail next
 * @param failStatus the HTTP status of those failures; 500 when omitted
 * @param tokenDelayMillis how long every getToken answer waits first; 0 turns it off
 * @param apiDelayMillis how long every realtime-call and robot-list answer waits first; 0 turns it off
 * @param malformTokenResponses how many getToken answers to break next, once the failures are used up
 * @param malformation a {@link Malformation} name; given together with {@code malformTokenResponses}
 * @param authFailureStyle an {@link AuthFailureStyle} name: how the API endpoints reject a bad token
 * @param credentialRejectionStyle an {@link AuthFailureStyle} name: how getToken rejects wrong keys
 * @param newTokenRevokesOlder whether issuing a token revokes those issued before it
 * @param expiresMinutes the {@code expiresTime} of the next getToken answers
 * @param accessKey with {@code secretKey}: the only pair getToken accepts from now on
 * @param secretKey with {@code accessKey}
 * @param rejectApiRequests how many API calls to reject next, whatever their token
 * @param failApiRequests how many API calls with a good token to answer with an error envelope next
 * @param failApiCode the {@code code} of those envelopes; 500 when omitted
 * @param holdApiRequests how many of the next API calls to hold until all have arrived, so that
 *                        their tokens are checked together
 * @param holdTimeoutMillis how long a held call waits for the others; 10000 when omitted
 */
public record FaultSettings(Integer failTokenRequests, Integer failStatus, Long tokenDelayMillis,
        Long apiDelayMillis, Integer malformTokenResponses, String malformation, String authFailureStyle,
        String credentialRejectionStyle, Boolean newTokenRevokesOlder, Long expiresMinutes, String accessKey,
        String secretKey, Integer rejectApiRequests, Integer failApiRequests, Integer failApiCode,
        Integer holdApiRequests, Long holdTimeoutMillis) {

    static final int DEFAULT_FAIL_STATUS = 500;
    static final long DEFAULT_HOLD_TIMEOUT_MILLIS = 10_000;

    /**
     * Checks every field given, then applies them all, so that a bad field leaves the simulator
     * unchanged.
     *
     * @throws IllegalArgumentException naming the first bad field
     */
    void applyTo(AiobSimulator simulator) {
        List<Runnable> changes = new ArrayList<>();
        if (accessKey != null || secretKey != null) {
            Credentials credentials = new Credentials(accessKey, secretKey);
            changes.add(() -> simulator.acceptCredentials(credentials.accessKey(), credentials.secretKey()));
        }
        if (failTokenRequests != null) {
            int count = SimulatorLimits.requireCount("failTokenRequests", failTokenRequests);
            int status = SimulatorLimits.requireErrorStatus("failStatus",
                    failStatus == null ? DEFAULT_FAIL_STATUS : failStatus);
            changes.add(() -> simulator.failTokenRequests(count, status));
        } else if (failStatus != null) {
            throw new IllegalArgumentException("failStatus applies only together with failTokenRequests");
        }
        if (malformTokenResponses != null && malformation != null) {
            int count = SimulatorLimits.requireCount("malformTokenResponses", malformTokenResponses);
            Malformation kind = parse(Malformation.class, "malformation", malformation);
            changes.add(() -> simulator.malformTokenResponses(count, kind));
        } else if (malformTokenResponses != null || malformation != null) {
            throw new IllegalArgumentException("malformTokenResponses and malformation must be given together");
        }
        if (tokenDelayMillis != null) {
            Duration delay = SimulatorLimits.requireSpan("tokenDelayMillis", Duration.ofMillis(tokenDelayMillis));
            changes.add(() -> simulator.delayTokenRequests(delay));
        }
        if (apiDelayMillis != null) {
            Duration delay = SimulatorLimits.requireSpan("apiDelayMillis", Duration.ofMillis(apiDelayMillis));
            changes.add(() -> simulator.delayApiRequests(delay));
        }
        if (authFailureStyle != null) {
            AuthFailureStyle style = parse(AuthFailureStyle.class, "authFailureStyle", authFailureStyle);
            changes.add(() -> simulator.authFailureStyle(style));
        }
        if (credentialRejectionStyle != null) {
            AuthFailureStyle style = parse(AuthFailureStyle.class, "credentialRejectionStyle",
                    credentialRejectionStyle);
            changes.add(() -> simulator.credentialRejectionStyle(style));
        }
        if (rejectApiRequests != null) {
            int count = SimulatorLimits.requireCount("rejectApiRequests", rejectApiRequests);
            changes.add(() -> simulator.rejectApiRequests(count));
        }
        if (failApiRequests != null) {
            int count = SimulatorLimits.requireCount("failApiRequests", failApiRequests);
            int code = SimulatorLimits.requireApiErrorCode("failApiCode",
                    failApiCode == null ? DEFAULT_FAIL_STATUS : failApiCode);
            changes.add(() -> simulator.failApiRequests(count, code));
        } else if (failApiCode != null) {
            throw new IllegalArgumentException("failApiCode applies only together with failApiRequests");
        }
        if (holdApiRequests != null) {
            int count = SimulatorLimits.requireCount("holdApiRequests", holdApiRequests);
            Duration timeout = SimulatorLimits.requireSpan("holdTimeoutMillis",
                    Duration.ofMillis(holdTimeoutMillis == null ? DEFAULT_HOLD_TIMEOUT_MILLIS : holdTimeoutMillis));
            changes.add(() -> simulator.holdApiRequests(count, timeout));
        } else if (holdTimeoutMillis != null) {
            throw new IllegalArgumentException("holdTimeoutMillis applies only together with holdApiRequests");
        }
        if (newTokenRevokesOlder != null) {
            boolean revokes = newTokenRevokesOlder;
            changes.add(() -> simulator.newTokenRevokesOlder(revokes));
        }
        if (expiresMinutes != null) {
            long minutes = SimulatorLimits.requireLifetimeMinutes("expiresMinutes", expiresMinutes);
            changes.add(() -> simulator.expiresInMinutes(minutes));
        }
        changes.forEach(Runnable::run);
    }

    /** Hides the secret key. */
    @Override
    public String toString() {
        return "FaultSettings[failTokenRequests=" + failTokenRequests + ", failStatus=" + failStatus
                + ", tokenDelayMillis=" + tokenDelayMillis + ", apiDelayMillis=" + apiDelayMillis
                + ", malformTokenResponses=" + malformTokenResponses + ", malformation=" + malformation
                + ", authFailureStyle=" + authFailureStyle + ", credentialRejectionStyle=" + credentialRejectionStyle
                + ", newTokenRevokesOlder=" + newTokenRevokesOlder + ", expiresMinutes=" + expiresMinutes
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? null : "****")
                + ", rejectApiRequests=" + rejectApiRequests + ", failApiRequests=" + failApiRequests
                + ", failApiCode=" + failApiCode + ", holdApiRequests=" + holdApiRequests
                + ", holdTimeoutMillis=" + holdTimeoutMillis + "]";
    }

    /** Reads an enum constant by name, ignoring case. */
    private static <E extends Enum<E>> E parse(Class<E> type, String field, String name) {
        try {
            return Enum.valueOf(type, name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    field + " must be one of " + Arrays.toString(type.getEnumConstants()) + ", was " + name, e);
        }
    }
}
