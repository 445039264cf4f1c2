package dev.handoff.transcript;

import java.util.Set;

/**
 * Names a transcript's {@code expect} may use, checked while reading when labels must be exact
 * ({@code --strict-labels}); otherwise unknown names are counted as warnings by replay.
 *
 * @param criteria every criterion name of the configuration (active or not)
 * @param routes   every routing profile name of the configuration
 */
public record LabelCheck(Set<String> criteria, Set<String> routes) {
}
