package io.emporium.command.payment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The payment gateway the command side uses: the PSP that {@code emporium.payments.psp.*} names. */
@Configuration(proxyBeanMethods = false)
class PaymentConfiguration {

    @Bean
    PspPaymentGateway paymentGateway(PspProperties psp) {
        return PspPaymentGateway.over(psp);
    }
}
