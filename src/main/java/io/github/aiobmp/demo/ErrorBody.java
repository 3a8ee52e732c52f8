package io.github.aiobmp.demo;

/** The demo's error answer: what went wrong, and the detail that says what to fix. */
public record ErrorBody(String error, String detail) {
}
