package io.emporium.esplugin.analysis;

import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;

/**
 * The {@code min_gram} and {@code max_gram} options shared by the n-gram filters and tokenizers, checked when the
 * index is created rather than when the first document is analysed.
 *
 * @param min the shortest gram, at least 1
 * @param max the longest gram, at least {@code min}
 */
record GramSizes(int min, int max) {

    GramSizes {
        if (min < 1) {
            throw new IllegalArgumentException("[min_gram] must be at least 1 but was [" + min + "]");
        }
        if (max < min) {
            throw new IllegalArgumentException(
                    "[max_gram] must not be smaller than [min_gram], but they are [" + max + "] and [" + min + "]");
        }
    }

    /** Reads the sizes, with the defaults of a full node (1 and 2). */
    static GramSizes of(Settings settings) {
        return new GramSizes(settings.getAsInt("min_gram", 1), settings.getAsInt("max_gram", 2));
    }

    /**
     * Reads the sizes of an inner n-gram component, whose spread is bounded by the index's {@code index.max_ngram_diff}
     * as on a full node: each extra size multiplies the terms indexed per token.
     */
    static GramSizes bounded(IndexSettings indexSettings, Settings settings, String component) {
        var sizes = of(settings);
        var allowed = indexSettings.getMaxNgramDiff();
        var diff = sizes.max - sizes.min;
        if (diff > allowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in " + component
                    + " must be less than or equal to: [" + allowed + "] but was [" + diff + "]. This limit can be set"
                    + " by changing the [" + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting.");
        }
        return sizes;
    }
}
