package io.github.aiobmp.simulator;

/** The answer of {@code GET /api/v1/robot/list}. */
public record RobotListEnvelope(long time, int code, String msg, RobotPage data) {

    static RobotListEnvelope ok(RobotPage page) {
        return new RobotListEnvelope(System.currentTimeMillis(), 200, "OK", page);
    }
}
