package io.emporium.bench.scenario;

/**
 * PlaceOrder's peak as scenario 1 found it: the closed-loop rate at the concurrency that gave the most orders per
 * second. Later scenarios load the engine at fractions of it.
 */
public record Peak(double perSecond, int users) {

    /** What later scenarios assume when scenario 1 did not run or failed. */
    public static final Peak ASSUMED = new Peak(100, 16);
}
