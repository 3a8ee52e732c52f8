package io.github.aiobmp.demo;

/**
 * A realtime call: which robot dials which number.
 *
 * @param secretType how {@code mobile} is given: 1 system-encrypted, 2 plain, 3 custom
 */
public record RealtimeCallRequest(String robotId, String mobile, Integer secretType) {
}
