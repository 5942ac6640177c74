package io.emporium.bench.scenario;

import java.util.List;

/**
 * What one scenario measured.
 *
 * @param method how it was measured, in Markdown, for the report's reader
 * @param notes  observations worth a line in the report, such as the achieved probe resolution
 */
public record ScenarioResult(int number, String title, String method, List<Series> series,
                             List<Headline> headlines, List<String> notes) {

    public ScenarioResult {
        series = List.copyOf(series);
        headlines = List.copyOf(headlines);
        notes = List.copyOf(notes);
    }
}
