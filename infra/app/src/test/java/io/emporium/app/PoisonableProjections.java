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
}
