package io.emporium.esplugin.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/**
 * The {@code asciifolding} filter: "Crème" becomes "Creme", so accents never decide whether a search matches.
 *
 * @param name             the filter's name in the index's analysis settings
 * @param preserveOriginal whether the unfolded token is kept next to the folded one ({@code preserve_original})
 */
record AsciiFoldingFilterFactory(String name, boolean preserveOriginal) implements NormalizingTokenFilterFactory {

    static AsciiFoldingFilterFactory of(String name, Settings settings) {
        return new AsciiFoldingFilterFactory(name, settings.getAsBoolean("preserve_original", false));
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
    }

    /** A normalized term is a single value, so the original is never kept next to it. */
    @Override
    public TokenStream normalize(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream, false);
    }

    /** Synonym rules cannot hold two tokens at one position, so they are folded without keeping the original. */
    @Override
    public TokenFilterFactory getSynonymFilter() {
        if (!preserveOriginal) {
            return this;
        }
        return new SimpleTokenFilterFactory(name, stream -> new ASCIIFoldingFilter(stream, false));
    }
}
