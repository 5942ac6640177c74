package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NettyLeakDetectorTest {

    /** Something that must be closed, as a buffer must be released. */
    private static final class Handle {
    }

    private final NettyLeakDetector<Handle> detector = new NettyLeakDetector<>(Handle.class, 1);

    private void openAndForget() {
        detector.track(new Handle());
    }

    private void openAndClose() {
        var handle = new Handle();
        var tracker = detector.track(handle);
        assertThat(tracker).as("every resource tracked").isNotNull();
        tracker.close(handle);
    }

    /** The reports about handles only: other tests in this JVM may have left reports of their own. */
    private static List<String> handleReports() {
        return NettyLeakDetector.takeReports().stream().filter(report -> report.contains("Handle")).toList();
    }

    @Test
    void aResourceNeverClosedIsReportedOnceItIsCollected() {
        handleReports();
        openAndForget();

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            // Netty looks for collected, unclosed resources whenever it tracks another one.
            openAndClose();
            return !handleReports().isEmpty();
        });
    }

    @Test
    void resourcesClosedInTimeAreNeverReported() {
        handleReports();
        for (var i = 0; i < 100; i++) {
            openAndClose();
        }
        System.gc();
        openAndClose();

        assertThat(handleReports()).isEmpty();
    }
}
