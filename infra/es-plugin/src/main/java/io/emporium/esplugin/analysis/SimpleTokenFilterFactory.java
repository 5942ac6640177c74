package io.emporium.esplugin.analysis;

import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenStream;
import org.elasticsearch.index.analysis.TokenFilterFactory;

/**
 * A token filter whose options are all decided when the index is created, so the Lucene filter is all there is to it.
 * It also applies when synonym rules are parsed, as a full node's stemmers do.
 *
 * @param name   the filter's name in the index's analysis settings
 * @param filter wraps a token stream in the Lucene filter
 */
record SimpleTokenFilterFactory(String name, UnaryOperator<TokenStream> filter) implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return filter.apply(tokenStream);
    }
}
