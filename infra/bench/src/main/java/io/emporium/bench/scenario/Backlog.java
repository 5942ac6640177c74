package io.emporium.bench.scenario;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The work the engine's event processors still owe: a step that starts while the checkout process or a projection
 * is still catching up on an earlier step's events measures that catch-up too, and each repetition would measure a
 * different amount of it. Asked of the engine ({@code GET /ops/processors}), which knows each segment's position
 * at once; the stored tokens of idle segments lag seconds behind.
 */
public final class Backlog {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Pattern PROCESSOR = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern POSITION = Pattern.compile("\"position\"\\s*:\\s*(null|-?\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Backlog() {
    }

    /** The global index of the newest event in the store, -1 if it holds none. */
    public static long head(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             var row = statement.executeQuery("select coalesce(max(global_index), -1) from domain_event_entry")) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Waits until every segment of every processor the engine on {@code enginePort} runs is at or past
     * {@code position}.
     *
     * @return the processors still behind when {@code limit} passed, with their lowest position; empty if none
     */
    public static List<String> await(int enginePort, long position, Duration limit)
            throws IOException, InterruptedException {
        var deadline = System.nanoTime() + limit.toNanos();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + enginePort + "/ops/processors"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        while (true) {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /ops/processors answered " + response.statusCode() + ": "
                        + response.body());
            }
            var behind = behind(response.body(), position);
            if (behind.isEmpty() || System.nanoTime() > deadline) {
                return behind;
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
    }

    /** Processors with a segment before {@code position}, as "processor at its lowest segment's position". */
    static List<String> behind(String processors, long position) {
        var behind = new ArrayList<String>();
        var names = PROCESSOR.matcher(processors);
        var starts = new ArrayList<Integer>();
        var found = new ArrayList<String>();
        while (names.find()) {
            starts.add(names.start());
            found.add(names.group(1));
        }
        for (var i = 0; i < found.size(); i++) {
            var end = i + 1 < starts.size() ? starts.get(i + 1) : processors.length();
            var positions = POSITION.matcher(processors.substring(starts.get(i), end));
            var lowest = Long.MAX_VALUE;
            while (positions.find()) {
                lowest = Math.min(lowest, positions.group(1).equals("null") ? -1 : Long.parseLong(positions.group(1)));
            }
            if (lowest < position) {
                behind.add(String.format(Locale.ROOT, "%s at %,d", found.get(i), lowest));
            }
        }
        return behind;
    }
}
