package io.emporium.esplugin.analysis;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;

/**
 * The token filters and tokenizers of a full node's analysis-common module that Emporium's indices use.
 *
 * <p>An index refers to them by type in its analysis settings, or by bare name in an analyzer when the defaults
 * suffice ({@code "tokenizer": "whitespace"}); only the synonym filters have no meaning without settings.
 */
public final class AnalysisComponents {

    private AnalysisComponents() {
    }

    /**
     * The token filters by name. The core server has {@code lowercase} only without options (for normalizers), so
     * the configurable one, with {@code language}, is here as in analysis-common.
     */
    public static Map<String, AnalysisProvider<TokenFilterFactory>> tokenFilters() {
        return Map.of(
                "lowercase", (index, env, name, settings) -> lowercase(name, settings),
                "asciifolding", (index, env, name, settings) -> AsciiFoldingFilterFactory.of(name, settings),
                "edge_ngram", (index, env, name, settings) -> EdgeNGramFilterFactory.of(name, settings),
                "ngram", (index, env, name, settings) -> NGramFilterFactory.of(index, name, settings),
                "synonym", requiresAnalysisSettings(
                        (index, env, name, settings) -> SynonymFilterFactory.synonym(env, name, settings)),
                "synonym_graph", requiresAnalysisSettings(
                        (index, env, name, settings) -> SynonymFilterFactory.synonymGraph(env, name, settings)),
                "stemmer", (index, env, name, settings) -> Stemmers.stemmer(name, settings),
                "porter_stem",
                (index, env, name, settings) -> new SimpleTokenFilterFactory(name, PorterStemFilter::new),
                "kstem", (index, env, name, settings) -> new SimpleTokenFilterFactory(name, KStemFilter::new));
    }

    /** The tokenizers by name. */
    public static Map<String, AnalysisProvider<TokenizerFactory>> tokenizers() {
        return Map.of(
                "whitespace", (index, env, name, settings) -> Tokenizers.whitespace(name, settings),
                "keyword", (index, env, name, settings) -> Tokenizers.keyword(name, settings),
                "edge_ngram", (index, env, name, settings) -> Tokenizers.edgeNGram(name, settings),
                "ngram", (index, env, name, settings) -> Tokenizers.nGram(index, name, settings));
    }

    /** Greek, Irish and Turkish lowercase differently from the Unicode default ({@code language}). */
    private static TokenFilterFactory lowercase(String name, Settings settings) {
        var language = settings.get("language");
        if (language == null) {
            return new NormalizingFilterFactory(name, LowerCaseFilter::new);
        }
        return switch (language.toLowerCase(Locale.ROOT)) {
            case "greek" -> new NormalizingFilterFactory(name, GreekLowerCaseFilter::new);
            case "irish" -> new NormalizingFilterFactory(name, IrishLowerCaseFilter::new);
            case "turkish" -> new NormalizingFilterFactory(name, TurkishLowerCaseFilter::new);
            default -> throw new IllegalArgumentException("language [" + language + "] not support for lower case");
        };
    }
}
