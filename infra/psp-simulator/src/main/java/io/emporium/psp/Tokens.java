package io.emporium.psp;

import io.emporium.psp.Cards.TokenizedCard;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Card tokens the PSP issued, each standing for one card; the number and CVC are not kept. */
final class Tokens {

    private final ConcurrentHashMap<String, TokenizedCard> cards = new ConcurrentHashMap<>();

    String issue(TokenizedCard card) {
        var token = Ids.next("tok_");
        cards.put(token, card);
        return token;
    }

    Optional<TokenizedCard> card(String token) {
        return Optional.ofNullable(cards.get(token));
    }
}
