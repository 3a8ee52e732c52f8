package io.github.aiobmp.simulator;

/** One entry of the robot list. */
public record Robot(String robotId, String robotName) {
}
