package io.emporium.esplugin.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/**
 * The {@code ngram} filter: each token is indexed with all its inner grams, so a search matches in the middle of a
 * word.
 *
 * @param name             the filter's name in the index's analysis settings
 * @param sizes            {@code min_gram} and {@code max_gram}, bounded by {@code index.max_ngram_diff}
 * @param preserveOriginal whether a token longer than {@code max_gram} is also kept whole ({@code preserve_original})
 */
record NGramFilterFactory(String name, GramSizes sizes, boolean preserveOriginal) implements TokenFilterFactory {

    static NGramFilterFactory of(IndexSettings indexSettings, String name, Settings settings) {
        return new NGramFilterFactory(name, GramSizes.bounded(indexSettings, settings, "NGram Token Filter"),
                settings.getAsBoolean("preserve_original", false));
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new NGramTokenFilter(tokenStream, sizes.min(), sizes.max(), preserveOriginal);
    }

    /** Parsing synonym rules into grams would make every gram a synonym: refused, as on a full node. */
    @Override
    public TokenFilterFactory getSynonymFilter() {
        throw new IllegalArgumentException("Token filter [" + name
                + "] cannot be used to parse synonyms except as part of an explicit synonym filter parameter");
    }
}
