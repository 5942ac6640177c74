package io.emporium.projections;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * What a processor's batch gathers from its events: kept with the batch's unit of work and written once, as the batch
 * is about to commit, in its transaction. A batch that fails drops it together with the transaction.
 */
public final class BatchState {

    private BatchState() {
    }

    /**
     * The batch's state under {@code key}, created on the batch's first call with {@code write} registered for its
     * commit. Only inside a processor's batch (a unit of work under way).
     */
    public static <T> T of(String key, Supplier<T> create, Consumer<T> write) {
        var batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(key, ignored -> {
            var state = create.get();
            batch.onPrepareCommit(unitOfWork -> write.accept(state));
            return state;
        });
    }
}
