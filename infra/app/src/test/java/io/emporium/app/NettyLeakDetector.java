package io.emporium.app;

import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Netty's leak detector with every report kept, not only logged, so that a test can fail on it. The engine's tests
 * make Netty build all its detectors from this class ({@code io.netty.customResourceLeakDetector}, set by this
 * module's build with the level at paranoid: every buffer tracked); the engine itself ships with detection off.
 */
public final class NettyLeakDetector<T> extends ResourceLeakDetector<T> {

    private static final Queue<String> REPORTS = new ConcurrentLinkedQueue<>();

    /** The constructor Netty calls for a custom detector. */
    public NettyLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    /** The leaks reported since the last call, oldest first; each is returned once. */
    static List<String> takeReports() {
        var taken = new ArrayList<String>();
        for (String report; (report = REPORTS.poll()) != null; ) {
            taken.add(report);
        }
        return taken;
    }

    /** Reports even where error logging is off, which would otherwise make Netty skip them. */
    @Override
    protected boolean needReport() {
        return true;
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        REPORTS.add(resourceType + " was not released; where it was last touched:" + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        REPORTS.add(resourceType + " was not released (no record of where it was used)");
        super.reportUntracedLeak(resourceType);
    }
}
