package io.emporium.app.ops;

import java.util.Comparator;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /ops/processors}: where this instance's event processors stand, segment by segment, as they know it
 * in memory. Their stored tokens lag behind while a segment has nothing to handle (Axon stores an idle segment's
 * token only every few seconds), so this is what tells an operator, or a benchmark between two steps, that the
 * processors have caught up with the store.
 */
@RestController
class ProcessorOps {

    /** One processor as this instance runs it. */
    record Processor(String name, boolean running, boolean error, List<SegmentStatus> segments) {}

    /**
     * One segment this instance has claimed.
     *
     * @param position the global index of the last event it has dealt with, or null before its first
     */
    record SegmentStatus(int segment, @Nullable Long position, boolean caughtUp, boolean replaying,
                         @Nullable String error) {}

    private final EventProcessingConfiguration processing;

    ProcessorOps(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @GetMapping("/ops/processors")
    List<Processor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .map(ProcessorOps::describe)
                .sorted(Comparator.comparing(Processor::name))
                .toList();
    }

    private static Processor describe(StreamingEventProcessor processor) {
        var segments = processor.processingStatus().values().stream()
                .sorted(Comparator.comparingInt(status -> status.getSegment().getSegmentId()))
                .map(ProcessorOps::describe)
                .toList();
        return new Processor(processor.getName(), processor.isRunning(), processor.isError(), segments);
    }

    private static SegmentStatus describe(EventTrackerStatus status) {
        var position = status.getCurrentPosition();
        var error = status.getError();
        return new SegmentStatus(status.getSegment().getSegmentId(),
                position.isPresent() ? position.getAsLong() : null, status.isCaughtUp(), status.isReplaying(),
                error == null ? null : error.getClass().getSimpleName() + ": " + error.getMessage());
    }
}
