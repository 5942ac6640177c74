package io.emporium.psp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class CardsTest {

    private static final YearMonth NOW = YearMonth.of(2026, 5);

    @Test
    void everyTestCardCarriesAValidChecksum() {
        assertThat(Cards.DECLINING.keySet()).allMatch(Cards::luhn);
        assertThat(Cards.luhn("4242424242424242")).isTrue();
        assertThat(Cards.luhn("4242424242424241")).isFalse();
    }

    @Test
    void aValidCardIsKeptAsBrandAndLastFourDigitsOnly() {
        var card = Cards.check("4242 4242 4242 4242", 12, 2030, "123", NOW);

        assertThat(card).isEqualTo(new Cards.TokenizedCard("visa", "4242", 12, 2030, null));
        assertThat(card.toString()).doesNotContain("424242424242").doesNotContain("123");
    }

    @Test
    void theDecliningTestCardIsRememberedWithItsDeclineCode() {
        assertThat(Cards.check("4000000000000002", 1, 2031, "999", NOW).declineCode()).isEqualTo("generic_decline");
        assertThat(Cards.check("4000000000009995", 1, 2031, "999", NOW).declineCode())
                .isEqualTo("insufficient_funds");
    }

    @Test
    void brandsFollowTheNumberRanges() {
        assertThat(Cards.brand("5555555555554444")).isEqualTo("mastercard");
        assertThat(Cards.brand("2223003122003222")).isEqualTo("mastercard");
        assertThat(Cards.brand("378282246310005")).isEqualTo("amex");
        assertThat(Cards.brand("6011111111111117")).isEqualTo("discover");
    }

    @Test
    void aNumberWithAWrongChecksumIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> Cards.check("4242424242424241", 12, 2030, "123", NOW))
                .isInstanceOfSatisfying(PspError.class, error -> assertThat(error.code()).isEqualTo("invalid_number"))
                .message().doesNotContain("4242");
    }

    @Test
    void anExpiredCardIsRefused() {
        assertThatThrownBy(() -> Cards.check("4242424242424242", 4, 2026, "123", NOW))
                .isInstanceOfSatisfying(PspError.class, error -> assertThat(error.code()).isEqualTo("expired_card"));
    }

    @Test
    void aCardExpiringThisMonthIsStillValid() {
        assertThat(Cards.check("4242424242424242", 5, 2026, "123", NOW).last4()).isEqualTo("4242");
    }

    @Test
    void anAmexNeedsAFourDigitSecurityCode() {
        assertThatThrownBy(() -> Cards.check("378282246310005", 12, 2030, "123", NOW))
                .isInstanceOfSatisfying(PspError.class, error -> assertThat(error.code()).isEqualTo("invalid_cvc"));
        assertThat(Cards.check("378282246310005", 12, 2030, "1234", NOW).brand()).isEqualTo("amex");
    }

    @Test
    void anImpossibleMonthIsRefused() {
        assertThatThrownBy(() -> Cards.check("4242424242424242", 13, 2030, "123", NOW))
                .isInstanceOfSatisfying(PspError.class,
                        error -> assertThat(error.code()).isEqualTo("invalid_expiry_month"));
    }
}
