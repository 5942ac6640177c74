package io.emporium.command.checkout;

import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the checkout process is fed its events. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "emporium.roles.checkout.enabled", havingValue = "true", matchIfMissing = true)
class CheckoutProcessing {

    /** Axon names a saga's processor after the saga type. */
    static final String PROCESSOR = CheckoutProcess.class.getSimpleName() + "Processor";

    /**
     * One event per transaction: a step calls the PSP, and one order's slow or failing call must not hold back or
     * roll back the steps of other orders that would share its batch.
     */
    @Bean
    ConfigurerModule checkoutOneEventAtATime() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                PROCESSOR, (config, processor) -> processor.batchSize(1));
    }
}
