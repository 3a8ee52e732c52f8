package io.github.aiobmp.simulator;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/** The simulated tenant's three robots, answered a page at a time as {@code /api/v1/robot/list} does. */
final class RobotCatalog {

    private static final List<Robot> ROBOTS = List.of(
            new Robot("sim-robot-1", "Delivery reminder"),
            new Robot("sim-robot-2", "Payment reminder"),
            new Robot("sim-robot-3", "Satisfaction survey"));

    private static final int DEFAULT_PAGE_NUMBER = 1;
    private static final int DEFAULT_PAGE_SIZE = 10;

    private RobotCatalog() {
    }

    /**
     * Answers one page of the robots whose name contains {@code robotName}, ignoring case.
     *
     * @param robotName  the filter, or null or blank for all robots
     * @param pageNumber {@code pn} as sent, counting from 1; null for the first page
     * @param pageSize   {@code ps} as sent; null for 10
     */
    static Response page(String robotName, String pageNumber, String pageSize) {
        OptionalInt pn = positiveOrDefault(pageNumber, DEFAULT_PAGE_NUMBER);
        if (pn.isEmpty()) {
            return AiobResponses.invalidInput("pn must be a positive integer, was " + pageNumber);
        }
        OptionalInt ps = positiveOrDefault(pageSize, DEFAULT_PAGE_SIZE);
        if (ps.isEmpty()) {
            return AiobResponses.invalidInput("ps must be a positive integer, was " + pageSize);
        }
        List<Robot> matching = ROBOTS.stream().filter(robot -> matches(robot, robotName)).toList();
        return AiobResponses.ok(RobotListEnvelope.ok(pageOf(matching, pn.getAsInt(), ps.getAsInt())));
    }

    private static RobotPage pageOf(List<Robot> matching, int pn, int ps) {
        // in long: (pn - 1) * ps overflows an int for large but valid page numbers
        int from = (int) Math.min((long) (pn - 1) * ps, matching.size());
        int to = (int) Math.min((long) from + ps, matching.size());
        return new RobotPage(pn, ps, matching.size(), matching.subList(from, to));
    }

    private static boolean matches(Robot robot, String robotName) {
        return robotName == null || robotName.isBlank()
                || robot.robotName().toLowerCase(Locale.ROOT).contains(robotName.toLowerCase(Locale.ROOT));
    }

    /** Returns the number in {@code text}, the default when there is none, or empty when it is not positive. */
    private static OptionalInt positiveOrDefault(String text, int defaultValue) {
        if (text == null || text.isBlank()) {
            return OptionalInt.of(defaultValue);
        }
        try {
            int value = Integer.parseInt(text.trim());
            return value > 0 ? OptionalInt.of(value) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
