package io.emporium.bench.figure;

/**
 * A measured figure: what it is, its unit, its repetitions, and in a sentence how it was measured.
 *
 * @param method how the figure was obtained, for the report's reader; Markdown
 */
public record Figure(String name, String unit, Spread spread, String method) {}
