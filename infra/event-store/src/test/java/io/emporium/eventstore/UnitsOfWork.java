package io.emporium.eventstore;

import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.jspecify.annotations.Nullable;

/** The event store's tests run their work as the engine does: in an Axon unit of work. */
final class UnitsOfWork {

    private UnitsOfWork() {
    }

    /**
     * Runs {@code work} as a processor's step or a group commit runs: in a unit of work, on one connection, then
     * committed; rolled back if it throws.
     */
    static <T extends @Nullable Object> T inUnitOfWork(Supplier<T> work) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            var result = work.get();
            unitOfWork.commit();
            return result;
        } catch (RuntimeException | Error e) {
            unitOfWork.rollback(e);
            throw e;
        }
    }
}
