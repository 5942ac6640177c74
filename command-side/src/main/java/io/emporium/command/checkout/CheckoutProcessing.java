package io.emporium.command.checkout;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.modelling.saga.AnnotatedSagaManager;
import org.axonframework.modelling.saga.SagaManagerSpanFactory;
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
     * Axon's Spring support registers a {@code @Saga} itself unless a bean of this name (the saga bean's name plus
     * {@code $$Registrar}) already does; this one does, to give the process its {@link OrderRoutedSagaManager}.
     */
    static final String SAGA_REGISTRAR = "checkoutProcess$$Registrar";

    @Bean(SAGA_REGISTRAR)
    ConfigurerModule checkoutProcessRoutedByOrder() {
        return configurer -> configurer.eventProcessing().registerSaga(CheckoutProcess.class,
                saga -> saga.configureSagaManager(config -> {
                    var processing = config.eventProcessingConfiguration();
                    return new OrderRoutedSagaManager(AnnotatedSagaManager.<CheckoutProcess>builder()
                            .sagaType(CheckoutProcess.class)
                            .sagaRepository(processing.sagaConfiguration(CheckoutProcess.class).repository())
                            .parameterResolverFactory(config.parameterResolverFactory())
                            .handlerDefinition(config.handlerDefinition(CheckoutProcess.class))
                            .listenerInvocationErrorHandler(processing.listenerInvocationErrorHandler(PROCESSOR))
                            .spanFactory(config.getComponent(SagaManagerSpanFactory.class)));
                }));
    }

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
