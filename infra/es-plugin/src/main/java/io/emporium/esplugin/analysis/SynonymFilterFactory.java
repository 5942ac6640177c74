package io.emporium.esplugin.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

/**
 * The {@code synonym} and {@code synonym_graph} filters, with rules given inline ({@code synonyms}) or in a file under
 * the node's config directory ({@code synonyms_path}), in Solr ({@code format: solr}, the default) or WordNet format.
 *
 * <p>Rules are analysed by the same tokenizer and preceding filters as the text they apply to, so "Crème, cream" still
 * matches after lowercasing and folding: the synonym map is therefore built per analyzer, in
 * {@link #getChainAwareTokenFilterFactory}. {@code expand} (default true) maps every term of an equivalence to every
 * other, not just to the first; {@code lenient} skips rules the chain cannot analyse instead of failing the index;
 * {@code updateable} restricts the filter to search analyzers, as on a full node. Synonym sets stored in the cluster
 * ({@code synonyms_set}) need the synonyms API, which this distribution does not have.
 */
final class SynonymFilterFactory implements TokenFilterFactory {

    private final String name;
    private final boolean graph;
    private final String rules;
    private final String origin;
    private final boolean wordnet;
    private final boolean expand;
    private final boolean lenient;
    private final AnalysisMode analysisMode;

    private SynonymFilterFactory(String name, boolean graph, Environment environment, Settings settings) {
        this.name = name;
        this.graph = graph;
        if (settings.hasValue("synonyms_set")) {
            throw new IllegalArgumentException("[" + name + "]: [synonyms_set] needs the synonyms API, which this"
                    + " node lacks; give the rules as [synonyms] or [synonyms_path]");
        }
        if (!settings.hasValue("synonyms") && !settings.hasValue("synonyms_path")) {
            throw new IllegalArgumentException("[" + name + "]: synonym requires either `synonyms` or `synonyms_path`"
                    + " to be configured");
        }
        this.rules = String.join("\n", Analysis.getWordList(environment, settings, "synonyms")) + "\n";
        this.origin = settings.hasValue("synonyms")
                ? "'" + name + "' analyzer settings"
                : settings.get("synonyms_path", "synonyms_path");
        var format = settings.get("format", "solr").toLowerCase(Locale.ROOT);
        if (!format.equals("solr") && !format.equals("wordnet") && !format.isEmpty()) {
            throw new IllegalArgumentException("[" + name + "]: unknown synonym format [" + format + "]");
        }
        this.wordnet = format.equals("wordnet");
        this.expand = settings.getAsBoolean("expand", true);
        var updateable = settings.getAsBoolean("updateable", false);
        this.lenient = settings.getAsBoolean("lenient", updateable);
        this.analysisMode = updateable ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
    }

    /** The {@code synonym} filter, for index-time or single-word synonyms. */
    static SynonymFilterFactory synonym(Environment environment, String name, Settings settings) {
        return new SynonymFilterFactory(name, false, environment, settings);
    }

    /** The {@code synonym_graph} filter, which keeps multi-word synonyms correct in queries. */
    static SynonymFilterFactory synonymGraph(Environment environment, String name, Settings settings) {
        return new SynonymFilterFactory(name, true, environment, settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return analysisMode;
    }

    /** Never called on the filter as configured: the analyzer asks for its chain-aware form first. */
    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for an"
                + " analysis chain first");
    }

    @Override
    public TokenFilterFactory getChainAwareTokenFilterFactory(IndexCreationContext context, TokenizerFactory tokenizer,
            List<CharFilterFactory> charFilters, List<TokenFilterFactory> previousTokenFilters,
            Function<String, TokenFilterFactory> allFilters) {
        var rulesChain = previousTokenFilters.stream()
                .map(TokenFilterFactory::getSynonymFilter)
                .toArray(TokenFilterFactory[]::new);
        var map = build(new CustomAnalyzer(tokenizer, charFilters.toArray(CharFilterFactory[]::new), rulesChain));
        return new ChainedSynonymFilter(name, map, graph, analysisMode);
    }

    private SynonymMap build(Analyzer analyzer) {
        try (analyzer) {
            if (wordnet) {
                var parser = new LenientWordnetParser(expand, lenient, analyzer);
                parser.parse(new StringReader(rules));
                return parser.build();
            }
            var parser = new LenientSolrParser(expand, lenient, analyzer);
            parser.parse(new StringReader(rules));
            return parser.build();
        } catch (IOException | ParseException | RuntimeException e) {
            throw new IllegalArgumentException("failed to build synonyms from [" + origin + "]", e);
        }
    }

    /**
     * The filter specialised for one analysis chain.
     *
     * @param name         the filter's name in the index's analysis settings
     * @param map          the rules as analysed by the chain; without any rule, the filter lets tokens through
     * @param graph        whether multi-word synonyms produce a token graph ({@code synonym_graph})
     * @param analysisMode whether the filter is limited to search analyzers ({@code updateable})
     */
    private record ChainedSynonymFilter(String name, SynonymMap map, boolean graph, AnalysisMode analysisMode)
            implements TokenFilterFactory {

        @Override
        @SuppressWarnings("deprecation") // SynonymFilter is what a full node's `synonym` filter still uses.
        public TokenStream create(TokenStream tokenStream) {
            if (map.fst == null) {
                return tokenStream;
            }
            return graph ? new SynonymGraphFilter(tokenStream, map, false) : new SynonymFilter(tokenStream, map, false);
        }

        /** A later synonym filter parses its rules without this one: the parser cannot take stacked tokens. */
        @Override
        public TokenFilterFactory getSynonymFilter() {
            return IDENTITY_FILTER;
        }

        @Override
        public AnalysisMode getAnalysisMode() {
            return analysisMode;
        }
    }

    /** The Solr format; when lenient, a rule whose terms the chain cannot analyse is skipped. */
    private static final class LenientSolrParser extends SolrSynonymParser {

        private final boolean lenient;

        LenientSolrParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            return Leniency.analyze(lenient, () -> super.analyze(text, reuse));
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (Leniency.keeps(lenient, input, output)) {
                super.add(input, output, includeOrig);
            }
        }
    }

    /** The WordNet prolog format; when lenient, a rule whose terms the chain cannot analyse is skipped. */
    private static final class LenientWordnetParser extends WordnetSynonymParser {

        private final boolean lenient;

        LenientWordnetParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            return Leniency.analyze(lenient, () -> super.analyze(text, reuse));
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (Leniency.keeps(lenient, input, output)) {
                super.add(input, output, includeOrig);
            }
        }
    }

    /**
     * What lenient means for both formats: a term the chain rejects (a stop word, a term folded to nothing) becomes
     * empty instead of failing, and a mapping with an empty side is dropped.
     */
    private static final class Leniency {

        private Leniency() {
        }

        /** The parser's own analysis of one term. */
        interface TermAnalysis {
            CharsRef run() throws IOException;
        }

        static CharsRef analyze(boolean lenient, TermAnalysis analysis) throws IOException {
            try {
                return analysis.run();
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return new CharsRef("");
                }
                throw e;
            }
        }

        static boolean keeps(boolean lenient, CharsRef input, CharsRef output) {
            return !lenient || (input.length > 0 && output.length > 0);
        }
    }
}
