package io.github.aiobmp.simulator;

import java.util.List;

/**
 * The {@code data} of the robot list.
 *
 * @param pn    the page number, from 1
 * @param ps    the page size
 * @param total how many robots match, over all pages
 */
public record RobotPage(int pn, int ps, int total, List<Robot> list) {
}
