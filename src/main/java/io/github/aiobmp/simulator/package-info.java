/**
 * A simulator of Baidu AIOB's open API, for tests and demos: it never talks to the real AIOB,
 * and no phone ever rings.
 *
 * <p>{@link io.github.aiobmp.simulator.AiobSimulatorApplication} serves it under the base path
 * {@code aiob-simulator}, so that {@code <context-root>/aiob-simulator} stands in for
 * {@code https://aiob-open.baidu.com}:
 * <ul>
 *   <li>{@code POST api/v2/getToken}</li>
 *   <li>{@code POST api/v3/console/realtime/status/create}</li>
 *   <li>{@code GET api/v1/robot/list?robotName&pn&ps}</li>
 * </ul>
 * The state and the switches live in the CDI bean {@link io.github.aiobmp.simulator.AiobSimulator}:
 * the credentials accepted (config {@code aiob.simulator.access-key} and
 * {@code aiob.simulator.secret-key}), the token lifetime answered
 * ({@code aiob.simulator.expires-minutes}), its own clock for token expiry, and the faults to
 * inject where the public record leaves AIOB's behaviour open.
 *
 * <p>The same switches are reachable over HTTP, under {@code aiob-simulator/control}:
 * <ul>
 *   <li>{@code GET stats}: request counters (token rejections included) and the last 100 Authorization headers</li>
 *   <li>{@code POST reset}: back to the configured defaults</li>
 *   <li>{@code POST revoke-all}: revoke every token issued</li>
 *   <li>{@code POST advance-clock?seconds=N}: move the simulator's clock forward</li>
 *   <li>{@code PUT faults}: apply the fields of a {@link io.github.aiobmp.simulator.FaultSettings} body</li>
 * </ul>
 * These endpoints are unprotected: deploy the simulator only where tests run. Every body is read
 * strictly ({@link io.github.aiobmp.simulator.StrictJson}), and every failure answered with JSON
 * ({@link io.github.aiobmp.simulator.SimulatorErrors}).
 */
package io.github.aiobmp.simulator;
