package io.emporium.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

/** Aggregates stay cached until crowded out or idle, and the cache tells its listeners what happens. */
class BoundedCacheTest {

    private final List<String> heard = new CopyOnWriteArrayList<>();

    private BoundedCache cache(long size) {
        var cache = new BoundedCache(size, Duration.ofMinutes(10));
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }
        });
        return cache;
    }

    @Test
    void aCachedAggregateIsFoundAgainUntilItIsRemoved() {
        var cache = cache(10);
        cache.put("stock:MUG", "state 1");
        cache.put("stock:MUG", "state 2");

        assertThat(cache.<String, String>get("stock:MUG")).isEqualTo("state 2");
        assertThat(cache.remove("stock:MUG")).isTrue();
        assertThat(cache.containsKey("stock:MUG")).isFalse();
        assertThat(heard).containsExactly("created stock:MUG", "updated stock:MUG", "removed stock:MUG");
    }

    @Test
    void putIfAbsentKeepsTheEntryAlreadyThere() {
        var cache = cache(10);
        assertThat(cache.putIfAbsent("stock:MUG", "first")).isTrue();
        assertThat(cache.putIfAbsent("stock:MUG", "second")).isFalse();

        assertThat(cache.<String, String>get("stock:MUG")).isEqualTo("first");
    }

    @Test
    void anUpdateReachesOnlyAnEntryThatIsThere() {
        var cache = cache(10);
        cache.put("stock:MUG", "3 reserved");
        cache.<String>computeIfPresent("stock:MUG", value -> value.replace('3', '4'));
        cache.<String>computeIfPresent("stock:PLATE", value -> "never");

        assertThat(cache.<String, String>get("stock:MUG")).isEqualTo("4 reserved");
        assertThat(cache.containsKey("stock:PLATE")).isFalse();
    }

    @Test
    void beyondItsBoundTheCacheLetsEntriesGoAndSaysSo() {
        var cache = cache(2);
        for (var i = 0; i < 50; i++) {
            cache.put("stock:" + i, "state");
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(heard.stream().filter(line -> line.startsWith("expired")).count()).isGreaterThan(40));
        var cached = 0;
        for (var i = 0; i < 50; i++) {
            cached += cache.containsKey("stock:" + i) ? 1 : 0;
        }
        assertThat(cached).isLessThanOrEqualTo(2);
    }
}
