package io.emporium.esplugin.analysis;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.br.BrazilianStemFilter;
import org.apache.lucene.analysis.ckb.SoraniStemFilter;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.es.SpanishPluralStemFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hu.HungarianLightStemFilter;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.no.NorwegianMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * The {@code stemmer} filter's languages, each under the name a full node accepts for its {@code language} option,
 * mapped to the same Lucene stemmer a full node uses. Names are matched ignoring case, as there; the camel-case
 * spellings ({@code lightEnglish}) a full node still accepts are aliases.
 */
final class Stemmers {

    /** A Lucene 10 build has no stemmer for these two, so a full node refuses them too. */
    private static final Set<String> UNSUPPORTED = Set.of("dutch_kp", "dutchkp", "kp", "lovins");

    private static final Map<String, UnaryOperator<TokenStream>> BY_LANGUAGE = table();

    private Stemmers() {
    }

    /** The {@code stemmer} filter; {@code language} (or its older name {@code name}) defaults to porter. */
    static TokenFilterFactory stemmer(String name, Settings settings) {
        var language = settings.get("language", settings.get("name", "porter"));
        var key = language.toLowerCase(Locale.ROOT);
        var stemmer = BY_LANGUAGE.get(key);
        if (stemmer == null) {
            var reason = UNSUPPORTED.contains(key) ? "no longer supported" : "unknown";
            throw new IllegalArgumentException("Stemmer language [" + language + "] of [" + name + "] is " + reason);
        }
        return new SimpleTokenFilterFactory(name, stemmer);
    }

    private static Map<String, UnaryOperator<TokenStream>> table() {
        var table = new HashMap<String, UnaryOperator<TokenStream>>();
        table.put("arabic", ArabicStemFilter::new);
        table.put("armenian", snowball(ArmenianStemmer::new));
        table.put("basque", snowball(BasqueStemmer::new));
        table.put("bengali", BengaliStemFilter::new);
        table.put("brazilian", BrazilianStemFilter::new);
        table.put("bulgarian", BulgarianStemFilter::new);
        table.put("catalan", snowball(CatalanStemmer::new));
        table.put("czech", CzechStemFilter::new);
        table.put("danish", snowball(DanishStemmer::new));
        table.put("dutch", snowball(DutchStemmer::new));
        table.put("english", PorterStemFilter::new);
        put(table, KStemFilter::new, "light_english", "lightenglish", "kstem");
        table.put("porter", PorterStemFilter::new);
        table.put("porter2", snowball(EnglishStemmer::new));
        put(table, EnglishMinimalStemFilter::new, "minimal_english", "minimalenglish");
        put(table, EnglishPossessiveFilter::new, "possessive_english", "possessiveenglish");
        table.put("estonian", snowball(EstonianStemmer::new));
        table.put("finnish", snowball(FinnishStemmer::new));
        put(table, FinnishLightStemFilter::new, "light_finnish", "lightfinnish", "light_finish", "lightfinish");
        table.put("french", snowball(FrenchStemmer::new));
        put(table, FrenchLightStemFilter::new, "light_french", "lightfrench");
        put(table, FrenchMinimalStemFilter::new, "minimal_french", "minimalfrench");
        table.put("galician", GalicianStemFilter::new);
        table.put("minimal_galician", GalicianMinimalStemFilter::new);
        put(table, snowball(GermanStemmer::new), "german", "german2");
        put(table, GermanLightStemFilter::new, "light_german", "lightgerman");
        put(table, GermanMinimalStemFilter::new, "minimal_german", "minimalgerman");
        table.put("greek", GreekStemFilter::new);
        table.put("hindi", HindiStemFilter::new);
        table.put("hungarian", snowball(HungarianStemmer::new));
        put(table, HungarianLightStemFilter::new, "light_hungarian", "lighthungarian");
        table.put("indonesian", IndonesianStemFilter::new);
        table.put("irish", snowball(IrishStemmer::new));
        table.put("italian", snowball(ItalianStemmer::new));
        put(table, ItalianLightStemFilter::new, "light_italian", "lightitalian");
        table.put("latvian", LatvianStemFilter::new);
        table.put("lithuanian", snowball(LithuanianStemmer::new));
        table.put("norwegian", snowball(NorwegianStemmer::new));
        put(table, NorwegianLightStemFilter::new, "light_norwegian", "lightnorwegian");
        put(table, NorwegianMinimalStemFilter::new, "minimal_norwegian", "minimalnorwegian");
        // Nynorsk is the Norwegian stemmers' second variant (flag 2, Bokmål being 1).
        put(table, stream -> new NorwegianLightStemFilter(stream, 2), "light_nynorsk", "lightnynorsk");
        put(table, stream -> new NorwegianMinimalStemFilter(stream, 2), "minimal_nynorsk", "minimalnynorsk");
        table.put("persian", PersianStemFilter::new);
        table.put("portuguese", snowball(PortugueseStemmer::new));
        put(table, PortugueseLightStemFilter::new, "light_portuguese", "lightportuguese");
        put(table, PortugueseMinimalStemFilter::new, "minimal_portuguese", "minimalportuguese");
        table.put("portuguese_rslp", PortugueseStemFilter::new);
        table.put("romanian", snowball(RomanianStemmer::new));
        table.put("russian", snowball(RussianStemmer::new));
        put(table, RussianLightStemFilter::new, "light_russian", "lightrussian");
        table.put("serbian", snowball(SerbianStemmer::new));
        table.put("spanish", snowball(SpanishStemmer::new));
        put(table, SpanishLightStemFilter::new, "light_spanish", "lightspanish");
        table.put("spanish_plural", SpanishPluralStemFilter::new);
        table.put("sorani", SoraniStemFilter::new);
        table.put("swedish", snowball(SwedishStemmer::new));
        put(table, SwedishLightStemFilter::new, "light_swedish", "lightswedish");
        table.put("turkish", snowball(TurkishStemmer::new));
        return Map.copyOf(table);
    }

    /** A Snowball stemmer keeps state per token stream, so each stream gets a new one. */
    private static UnaryOperator<TokenStream> snowball(Supplier<SnowballStemmer> stemmer) {
        return stream -> new SnowballFilter(stream, stemmer.get());
    }

    private static void put(Map<String, UnaryOperator<TokenStream>> table, UnaryOperator<TokenStream> stemmer,
            String... names) {
        for (var name : names) {
            table.put(name, stemmer);
        }
    }
}
