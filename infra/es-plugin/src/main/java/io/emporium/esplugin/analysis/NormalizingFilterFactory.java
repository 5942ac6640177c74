package io.emporium.esplugin.analysis;

import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

/**
 * A token filter that works on one character sequence at a time, so keyword normalizers and the normalization of
 * query terms (wildcards, prefixes) may use it too.
 *
 * @param name   the filter's name in the index's analysis settings
 * @param filter wraps a token stream in the Lucene filter
 */
record NormalizingFilterFactory(String name, UnaryOperator<TokenStream> filter)
        implements NormalizingTokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }
}
