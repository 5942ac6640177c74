package io.emporium.app;

import io.emporium.contracts.order.OrderEvent.OrderPlaced;
import java.lang.reflect.Member;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Lets a test make the order-views projection fail on the orders of chosen customers, after the projection has
 * written its rows, as a crash or a broken handler would: inside the handler (the processor retries the event a few
 * times, then dead-letters it), or when the batch commits (the whole batch rolls back and is retried). Part of every
 * engine test's context, so all tests share one context and one set of processors; it changes nothing for customers
 * nobody poisoned.
 */
@TestConfiguration(proxyBeanMethods = false)
class PoisonableProjections {

    /** Customers whose order placements fail in the order-views handler, after it wrote the order's rows. */
    static final Set<String> POISONED_CUSTOMERS = ConcurrentHashMap.newKeySet();
    /** Failed attempts per poisoned order, in the handler. */
    static final Map<String, AtomicInteger> HANDLER_FAILURES = new ConcurrentHashMap<>();
    /** Customers whose order placements make the order-views batch fail as it commits, after its rows were written. */
    static final Set<String> COMMIT_POISONED_CUSTOMERS = ConcurrentHashMap.newKeySet();
    static final AtomicInteger COMMIT_FAILURES = new AtomicInteger();
    /** Customers whose order placements make the Kafka export's database commit fail once, after Kafka committed. */
    static final Set<String> EXPORT_POISONED_CUSTOMERS = ConcurrentHashMap.newKeySet();
    static final Set<String> EXPORT_FAILED_ORDERS = ConcurrentHashMap.newKeySet();
    /** Run in the poisoned export batch after Kafka committed, just before its database commit fails. */
    static final List<Runnable> BEFORE_EXPORT_COMMIT_LOST = new CopyOnWriteArrayList<>();

    /** Wraps the order-views handler itself, so its failure is one the processor retries and then dead-letters. */
    @Bean
    HandlerEnhancerDefinition poisonableOrderViews() {
        return new HandlerEnhancerDefinition() {
            @Override
            public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
                var declaredIn = original.unwrap(Member.class).map(member -> member.getDeclaringClass().getName());
                if (!declaredIn.equals(Optional.of("io.emporium.projections.order.OrderViewProjection"))
                        || !original.canHandleMessageType(EventMessage.class)) {
                    return original;
                }
                return new WrappedMessageHandlingMember<>(original) {
                    @Override
                    public Object handle(Message<?> message, @Nullable T target) throws Exception {
                        var result = super.handle(message, target);
                        if (message.getPayload() instanceof OrderPlaced placed
                                && POISONED_CUSTOMERS.contains(placed.customerId())) {
                            HANDLER_FAILURES.computeIfAbsent(placed.orderId(), order -> new AtomicInteger())
                                    .incrementAndGet();
                            throw new IllegalStateException("poisoned for a test: " + placed.orderId());
                        }
                        return result;
                    }
                };
            }
        };
    }

    @Bean
    ConfigurerModule commitPoisonableOrderViews() {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor("order-views",
                config -> (unitOfWork, chain) -> {
                    var result = chain.proceed();
                    if (unitOfWork.getMessage().getPayload() instanceof OrderPlaced placed
                            && COMMIT_POISONED_CUSTOMERS.contains(placed.customerId())) {
                        unitOfWork.onPrepareCommit(committing -> {
                            COMMIT_FAILURES.incrementAndGet();
                            throw new IllegalStateException("commit poisoned for a test: " + placed.orderId());
                        });
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
                            BEFORE_EXPORT_COMMIT_LOST.forEach(Runnable::run);
                            throw new IllegalStateException("database commit lost for a test: " + placed.orderId());
                        });
                    }
                    return result;
                });
    }
}
