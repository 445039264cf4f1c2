package dev.handoff.transcript;

import java.util.List;

/**
 * The label of a transcript.
 *
 * @param criteria the criteria whose firing is correct here; empty means any criterion is
 * @param turn     1-based user turn from which a handoff is correct; null means from the first
 * @param route    the expected routing profile, or null
 */
public record Expectation(boolean handoff, List<String> criteria, Integer turn, String route) {
}
