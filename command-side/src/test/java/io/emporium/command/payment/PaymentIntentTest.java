package io.emporium.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.money.Money;
import org.junit.jupiter.api.Test;

class PaymentIntentTest {

    @Test
    void everyRetryOfAnIntentCarriesTheSameKeyAndAnotherCardMakesAnotherIntent() {
        var visa = new CardToken("tok_1", "visa", "4242");
        var mastercard = new CardToken("tok_2", "mastercard", "4444");

        var first = new PaymentIntent("order-1", Money.of(1250, "EUR"), visa);
        var retry = new PaymentIntent("order-1", Money.of(1250, "EUR"), visa);
        var otherCard = new PaymentIntent("order-1", Money.of(1250, "EUR"), mastercard);

        assertThat(retry.idempotencyKey()).isEqualTo(first.idempotencyKey());
        assertThat(otherCard.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
    }
}
