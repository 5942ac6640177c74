package io.emporium.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CardDetailsTest {

    @Test
    void theCardNumberAndSecurityCodeNeverShowInItsText() {
        var card = new CardDetails("4242 4242 4242 4242", 12, 2030, "987");

        assertThat(card.toString()).doesNotContain("4242 4242").doesNotContain("424242").doesNotContain("987")
                .contains("4242");
        assertThat(card.last4()).isEqualTo("4242");
    }
}
