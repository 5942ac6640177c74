package io.emporium.query.catalog;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Loads product pages for the hot-catalog cache, many with one request to the product index when many are wanted at
 * once. A page wanted while the index is idle is read at once, alone; pages wanted while {@code concurrency} reads
 * are already under way wait for the first of them to finish and are then read together, up to {@code batchSize}
 * a request. So a lone miss waits for nothing, and a burst costs a few requests instead of one per page.
 *
 * <p>Bursts happen: the pages loaded together (a shop's bestsellers after a start, after priming, after a resync
 * dropped every page) all come due for refresh together, and each reload was a request of its own: about a thousand
 * within half a second every minute, seen as the product page's p99 spikes in issue 4's benchmark.
 *
 * <p>Pages that may wait, such as refreshes, are wanted {@link #together}: read with as few requests as they fill,
 * even while the index is idle.
 */
final class BatchedPageLoads {

    /** The pages of these products as the index has them now; a product not on sale is missing from the map. */
    interface Reader extends Function<List<String>, Mono<Map<String, byte[]>>> {}

    private record Wanted(String sku, CompletableFuture<byte @Nullable []> page) {}

    private final Reader reader;
    private final int batchSize;
    private final int concurrency;
    private final ArrayDeque<Wanted> waiting = new ArrayDeque<>();
    private int reading;
    /** Callers inside {@link #together}: while there are any, pages wanted only join the queue. */
    private int gathering;

    BatchedPageLoads(Reader reader, int batchSize, int concurrency) {
        this.reader = reader;
        this.batchSize = batchSize;
        this.concurrency = concurrency;
    }

    /** The product's page, or null when it is not on sale; completed by whichever read takes the product along. */
    CompletableFuture<byte @Nullable []> load(String sku) {
        var wanted = new Wanted(sku, new CompletableFuture<>());
        List<Wanted> batch;
        synchronized (this) {
            waiting.add(wanted);
            batch = gathering > 0 ? null : nextBatch();
        }
        read(batch);
        return wanted.page();
    }

    /**
     * Runs {@code loads}, and reads the pages it wants only once it returns, together: one request per
     * {@code batchSize} pages while reads may start, instead of one request per page while the index is idle.
     */
    void together(Runnable loads) {
        synchronized (this) {
            gathering++;
        }
        try {
            loads.run();
        } finally {
            var batches = new ArrayList<List<Wanted>>();
            synchronized (this) {
                gathering--;
                for (var batch = gathering > 0 ? null : nextBatch(); batch != null; batch = nextBatch()) {
                    batches.add(batch);
                }
            }
            batches.forEach(this::read);
        }
    }

    /** Takes the next batch if a read may start now, and counts it as under way. */
    private @Nullable List<Wanted> nextBatch() {
        if (waiting.isEmpty() || reading >= concurrency) {
            return null;
        }
        reading++;
        var batch = new ArrayList<Wanted>(Math.min(batchSize, waiting.size()));
        while (batch.size() < batchSize && !waiting.isEmpty()) {
            batch.add(waiting.poll());
        }
        return batch;
    }

    private void read(@Nullable List<Wanted> batch) {
        if (batch == null) {
            return;
        }
        var skus = batch.stream().map(Wanted::sku).distinct().toList();
        Mono<Map<String, byte[]>> pages;
        try {
            pages = reader.apply(skus);
        } catch (RuntimeException bug) {
            pages = Mono.error(bug);
        }
        pages.defaultIfEmpty(Map.of()).subscribe(
                found -> batch.forEach(wanted -> wanted.page().complete(found.get(wanted.sku()))),
                failure -> {
                    batch.forEach(wanted -> wanted.page().completeExceptionally(failure));
                    finished();
                },
                this::finished);
    }

    private void finished() {
        List<Wanted> batch;
        synchronized (this) {
            reading--;
            batch = nextBatch();
        }
        read(batch);
    }
}
