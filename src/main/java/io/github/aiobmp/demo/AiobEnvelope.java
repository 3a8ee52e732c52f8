package io.github.aiobmp.demo;

/** The part of every AIOB answer that says whether it succeeded. */
public record AiobEnvelope(Integer code, String msg) {
}
