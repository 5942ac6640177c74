package io.emporium.app;

import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Lets a test make the order-views projection fail on the orders of chosen customers, after the projection has
 * written its row, as a crash or a broken handler would. Part of every engine test's context, so all tests share
 * one context and one set of processors; it changes nothing for customers nobody poisoned.
 */
@TestConfiguration(proxyBeanMethods = false)
class PoisonableProjections {

    static final Set<String> POISONED_CUSTOMERS = ConcurrentHashMap.newKeySet();
    static final AtomicInteger FAILURES = new AtomicInteger();
    /** Customers whose order placements make the Kafka export's database commit fail once, after Kafka committed. */
    static final Set<String> EXPORT_POISONED_CUSTOMERS = ConcurrentHashMap.newKeySet();
    static final Set<String> EXPORT_FAILED_ORDERS = ConcurrentHashMap.newKeySet();

    @Bean
    ConfigurerModule poisonableOrderViews() {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor("order-views",
                config -> (unitOfWork, chain) -> {
                    var result = chain.proceed();
                    if (unitOfWork.getMessage().getPayload() instanceof OrderPlaced placed
                            && POISONED_CUSTOMERS.contains(placed.customerId())) {
                        FAILURES.incrementAndGet();
                        throw new IllegalStateException("poisoned for a test: " + placed.orderId());
                    }
                    return result;
                });
    }

    /**
     * Fails the export batch that holds a poisoned customer's placement once, in the moment between the Kafka
     * transaction's commit (registered before, when the batch's first event was exported) and the database commit:
     * the window where a naive exporter would publish the batch twice.
     */
    @Bean
    ConfigurerModule poisonableKafkaExport() {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor("kafka-export",
                config -> (unitOfWork, chain) -> {
                    var result = chain.proceed();
                    if (unitOfWork.getMessage().getPayload() instanceof OrderPlaced placed
                            && EXPORT_POISONED_CUSTOMERS.contains(placed.customerId())
                            && EXPORT_FAILED_ORDERS.add(placed.orderId())) {
                        unitOfWork.onPrepareCommit(committing -> {
                            throw new IllegalStateException("database commit lost for a test: " + placed.orderId());
                        });
                    }
                    return result;
                });
    }
}
