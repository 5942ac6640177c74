package io.emporium.bench.load;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time in nanoseconds, and a wait until a given moment: the system's, or a test's own. */
public interface NanoClock {

    NanoClock SYSTEM = new NanoClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void parkUntil(long nanos) {
            long left;
            while ((left = nanos - System.nanoTime()) > 0) {
                LockSupport.parkNanos(left);
            }
        }
    };

    long nanoTime();

    /** Returns at {@code nanos} or, if that moment has passed, at once. */
    void parkUntil(long nanos);
}
