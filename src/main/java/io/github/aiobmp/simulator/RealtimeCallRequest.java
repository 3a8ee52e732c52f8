package io.github.aiobmp.simulator;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /api/v3/console/realtime/status/create}. Components are nullable
 * because clients may omit them; {@link #problem()} says which required one is missing.
 *
 * @param robotId    the robot that makes the call; required
 * @param mobile     the one number to call; required
 * @param secretType how {@code mobile} is encrypted: 1 system, 2 plain, 3 custom; required
 * @param stopDate   {@code yyyy-MM-dd HH:mm:ss}, after which the call is no longer attempted
 */
public record RealtimeCallRequest(String robotId, String mobile, Integer secretType, List<String> callerNum,
        String stopDate, Map<String, Object> dialogVar, Map<String, Object> promptVar, String secretId,
        String callBackUrl, String extJson) {

    private static final Set<Integer> SECRET_TYPES = Set.of(1, 2, 3);
    private static final DateTimeFormatter STOP_DATE_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    /** Returns what AIOB would reject in this request, naming the field, or empty when it is valid. */
    Optional<String> problem() {
        if (robotId == null || robotId.isBlank()) {
            return Optional.of("robotId,不能为空");
        }
        if (mobile == null || mobile.isBlank()) {
            return Optional.of("mobile,不能为空");
        }
        if (secretType == null) {
            return Optional.of("secretType,不能为空");
        }
        if (!SECRET_TYPES.contains(secretType)) {
            return Optional.of("secretType must be 1, 2 or 3, was " + secretType);
        }
        if (stopDate != null && !isStopDate(stopDate)) {
            return Optional.of("stopDate must be yyyy-MM-dd HH:mm:ss, was " + stopDate);
        }
        return Optional.empty();
    }

    private static boolean isStopDate(String text) {
        try {
            LocalDateTime.parse(text, STOP_DATE_FORMAT);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
