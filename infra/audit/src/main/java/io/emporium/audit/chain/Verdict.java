package io.emporium.audit.chain;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of verifying a stretch of the chain.
 *
 * @param firstProblem the finding at the lowest position, or null when everything checked out
 * @param problems     how many findings there were in all
 */
public record Verdict(boolean ok, long from, long to, long linksChecked, long settledThrough,
                      @Nullable Finding firstProblem, long problems) {}
