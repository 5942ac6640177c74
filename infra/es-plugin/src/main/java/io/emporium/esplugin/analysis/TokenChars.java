package io.emporium.esplugin.analysis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;
import org.elasticsearch.common.settings.Settings;
import org.jspecify.annotations.Nullable;

/**
 * The n-gram tokenizers' {@code token_chars} option: the character classes that belong inside a token; any other
 * character splits tokens. Without it every character, spaces included, belongs to a token, as on a full node.
 * The class {@code custom} takes the characters listed in {@code custom_token_chars}.
 */
final class TokenChars {

    private static final Map<String, IntPredicate> CLASSES = Map.of(
            "letter", Character::isLetter,
            "digit", Character::isDigit,
            "whitespace", Character::isWhitespace,
            "punctuation", TokenChars::isPunctuation,
            "symbol", TokenChars::isSymbol);

    private TokenChars() {
    }

    /** The characters that make tokens, or {@code null} when every character does. */
    static @Nullable IntPredicate of(Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate matcher = c -> false;
        for (var raw : classes) {
            var name = raw.trim().toLowerCase(Locale.ROOT);
            if (name.equals("custom")) {
                matcher = matcher.or(custom(settings));
                continue;
            }
            var predicate = CLASSES.get(name);
            if (predicate == null) {
                throw new IllegalArgumentException("Unknown token type: '" + name + "', must be one of "
                        + List.of("letter", "digit", "whitespace", "punctuation", "symbol", "custom"));
            }
            matcher = matcher.or(predicate);
        }
        return matcher;
    }

    private static IntPredicate custom(Settings settings) {
        var chars = settings.get("custom_token_chars");
        if (chars == null || chars.isEmpty()) {
            throw new IllegalArgumentException("Token type: 'custom' requires setting `custom_token_chars`");
        }
        var set = chars.codePoints().boxed().collect(Collectors.toUnmodifiableSet());
        return set::contains;
    }

    private static boolean isPunctuation(int c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isSymbol(int c) {
        return switch (Character.getType(c)) {
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL ->
                    true;
            default -> false;
        };
    }
}
