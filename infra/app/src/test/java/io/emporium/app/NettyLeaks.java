package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class during which Netty found a buffer that was never released. Netty only logs a leak, and only
 * once the leaked buffer has been collected; so after each class the heap is collected and a buffer allocated, which
 * is when Netty looks for collected, unreleased buffers. A leak found later than its own class fails the class then
 * running, which is still a failed build.
 */
final class NettyLeaks implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        // A guard that is not in place would pass every test in silence.
        assertThat(ResourceLeakDetector.getLevel()).as("Netty's leak detection level in the engine's tests")
                .isEqualTo(ResourceLeakDetector.Level.PARANOID);
        assertThat(ResourceLeakDetectorFactory.instance().newResourceLeakDetector(NettyLeaks.class))
                .as("the detector Netty builds in the engine's tests").isInstanceOf(NettyLeakDetector.class);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.gc();
        ByteBufAllocator.DEFAULT.buffer(1).release();
        assertThat(NettyLeakDetector.takeReports()).as("buffers Netty found unreleased").isEmpty();
    }
}
