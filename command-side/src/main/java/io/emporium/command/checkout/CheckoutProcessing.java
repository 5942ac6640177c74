package io.emporium.command.checkout;

import java.util.concurrent.Executors;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
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

    /** Axon's default for a new processor, stated because the worker threads follow it. */
    static final int SEGMENTS = 16;

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
                            // Axon's default logs a failed step and goes on as if it had been taken: a payment
                            // still unknown after the gateway's retries left the order waiting for its deadline,
                            // and a late authorization unvoided. Propagated, the step is rolled back and retried.
                            .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                            .spanFactory(config.getComponent(SagaManagerSpanFactory.class)));
                }));
    }

    /**
     * One event per transaction: a step calls the PSP, and one order's slow or failing call must not hold back or
     * roll back the steps of other orders that would share its batch. A thread per segment: a step mostly waits (thread
     * dumps under load found the workers in the saga's queries, the command's append and the PSP call), and with
     * Axon's four worker threads for sixteen segments the process was still behind after the bench's settle limit at
     * 2 repetitions in each of two runs of scenarios 1 and 6, at none with sixteen.
     */
    @Bean
    ConfigurerModule checkoutOneEventAtATime() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                PROCESSOR, (config, processor) -> processor.batchSize(1).initialSegmentCount(SEGMENTS)
                        .workerExecutor(name -> Executors.newScheduledThreadPool(SEGMENTS,
                                new AxonThreadFactory("WorkPackage[" + name + "]"))));
    }
}
