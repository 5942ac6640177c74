package io.emporium.esplugin.analysis;

import java.util.Locale;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/**
 * The {@code edge_ngram} filter: each token is indexed with its prefixes, which is what makes search-as-you-type
 * match "cre" against "creme".
 *
 * @param name             the filter's name in the index's analysis settings
 * @param sizes            {@code min_gram} and {@code max_gram}
 * @param preserveOriginal whether a token longer than {@code max_gram} is also kept whole ({@code preserve_original})
 * @param fromBack         whether suffixes are made instead of prefixes (the deprecated {@code side: back})
 */
record EdgeNGramFilterFactory(String name, GramSizes sizes, boolean preserveOriginal, boolean fromBack)
        implements TokenFilterFactory {

    static EdgeNGramFilterFactory of(String name, Settings settings) {
        var side = settings.get("side", "front").toLowerCase(Locale.ROOT);
        if (!side.equals("front") && !side.equals("back")) {
            throw new IllegalArgumentException("invalid side: " + side);
        }
        return new EdgeNGramFilterFactory(
                name, GramSizes.of(settings), settings.getAsBoolean("preserve_original", false), side.equals("back"));
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        if (fromBack) {
            var grams = new EdgeNGramTokenFilter(new ReverseStringFilter(tokenStream), sizes.min(), sizes.max(),
                    preserveOriginal);
            return new ReverseStringFilter(grams);
        }
        return new EdgeNGramTokenFilter(tokenStream, sizes.min(), sizes.max(), preserveOriginal);
    }

    /** Grams overlap in their offsets, which the fast vector highlighter cannot represent. */
    @Override
    public boolean breaksFastVectorHighlighter() {
        return true;
    }

    /** Synonym rules parsed into grams would make every prefix a synonym of every other: refused, as on a full node. */
    @Override
    public TokenFilterFactory getSynonymFilter() {
        throw new IllegalArgumentException("Token filter [" + name
                + "] cannot be used to parse synonyms except as part of an explicit synonym filter parameter");
    }
}
