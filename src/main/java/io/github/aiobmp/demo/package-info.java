/**
 * The demo application: places AIOB realtime calls through a rest client declared as a user
 * would, and shows the token's status. Entry points: {@link io.github.aiobmp.demo.DemoResource}
 * ({@code /demo}), {@link io.github.aiobmp.demo.RealtimeCallClient}; every failure is answered as
 * JSON by {@link io.github.aiobmp.demo.DemoErrors}; the demo's credentials for
 * the built-in simulator come from {@link io.github.aiobmp.demo.DemoCredentialsConfigSource}.
 * Not published: it is the main WAR only.
 */
package io.github.aiobmp.demo;
