package io.emporium.esplugin.analysis;

import java.util.function.IntPredicate;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.jspecify.annotations.Nullable;

/** The tokenizers, with their options and defaults as on a full node. */
final class Tokenizers {

    private Tokenizers() {
    }

    /** {@code whitespace}: splits on whitespace only; {@code max_token_length} (255) splits longer runs. */
    static TokenizerFactory whitespace(String name, Settings settings) {
        int maxTokenLength = settings.getAsInt("max_token_length", StandardAnalyzer.DEFAULT_MAX_TOKEN_LENGTH);
        return TokenizerFactory.newFactory(name,
                () -> new WhitespaceTokenizer(TokenStream.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxTokenLength));
    }

    /** {@code keyword}: the whole text is one token; {@code buffer_size} (256) is only the initial read buffer. */
    static TokenizerFactory keyword(String name, Settings settings) {
        int bufferSize = settings.getAsInt("buffer_size", KeywordTokenizer.DEFAULT_BUFFER_SIZE);
        return TokenizerFactory.newFactory(name, () -> new KeywordTokenizer(bufferSize));
    }

    /**
     * {@code edge_ngram}: the prefixes, {@code min_gram} to {@code max_gram} long, of each run of {@code token_chars}.
     */
    static TokenizerFactory edgeNGram(String name, Settings settings) {
        var sizes = GramSizes.of(settings);
        var tokenChars = TokenChars.of(settings);
        return TokenizerFactory.newFactory(name, () -> edgeNGram(sizes, tokenChars));
    }

    /** {@code ngram}: all inner grams of each run of {@code token_chars}, bounded by {@code index.max_ngram_diff}. */
    static TokenizerFactory nGram(IndexSettings indexSettings, String name, Settings settings) {
        var sizes = GramSizes.bounded(indexSettings, settings, "NGram Tokenizer");
        var tokenChars = TokenChars.of(settings);
        return TokenizerFactory.newFactory(name, () -> nGram(sizes, tokenChars));
    }

    private static Tokenizer edgeNGram(GramSizes sizes, @Nullable IntPredicate tokenChars) {
        if (tokenChars == null) {
            return new EdgeNGramTokenizer(sizes.min(), sizes.max());
        }
        return new EdgeNGramTokenizer(sizes.min(), sizes.max()) {
            @Override
            protected boolean isTokenChar(int chr) {
                return tokenChars.test(chr);
            }
        };
    }

    private static Tokenizer nGram(GramSizes sizes, @Nullable IntPredicate tokenChars) {
        if (tokenChars == null) {
            return new NGramTokenizer(sizes.min(), sizes.max());
        }
        return new NGramTokenizer(sizes.min(), sizes.max()) {
            @Override
            protected boolean isTokenChar(int chr) {
                return tokenChars.test(chr);
            }
        };
    }
}
