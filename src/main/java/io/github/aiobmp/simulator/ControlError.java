package io.github.aiobmp.simulator;

/** The body of a control endpoint's HTTP 400: what was wrong with the request. */
public record ControlError(String message) {
}
