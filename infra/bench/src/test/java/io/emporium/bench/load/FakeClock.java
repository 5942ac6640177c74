package io.emporium.bench.load;

/** A clock that moves only when told to, or when someone waits for a later moment. */
final class FakeClock implements NanoClock {

    private long now;

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void parkUntil(long nanos) {
        now = Math.max(now, nanos);
    }

    synchronized void advance(long nanos) {
        now += nanos;
    }
}
