package io.emporium.command.customer;

import io.emporium.command.decision.Recorded;
import io.emporium.command.decision.Rejection;
import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.customer.CustomerCommand;
import io.emporium.contracts.customer.CustomerCommand.ChangeShippingAddress;
import io.emporium.contracts.customer.CustomerCommand.RegisterCustomer;
import io.emporium.contracts.customer.CustomerEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A customer profile, event-sourced: it loads its state and lets {@link CustomerDecisions} decide. */
@Aggregate(commandTargetResolver = Customer.TARGET_RESOLVER)
class Customer {

    static final String TARGET_RESOLVER = "customerTargetResolver";

    @AggregateIdentifier
    private @Nullable String customerId;
    private CustomerState state = CustomerState.initial();

    protected Customer() {
        // for Axon: rebuilt from events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    @Nullable Rejection handle(RegisterCustomer command) {
        return Recorded.decision(CustomerDecisions.decide(command, state));
    }

    @CommandHandler
    @Nullable Rejection handle(ChangeShippingAddress command) {
        return Recorded.decision(CustomerDecisions.decide(command, state));
    }

    @EventSourcingHandler
    void on(CustomerEvent event) {
        customerId = event.customerId();
        state = state.evolve(event);
    }

    /** Routes customer commands to their profile. */
    @Configuration(proxyBeanMethods = false)
    static class Routing {
        @Bean(TARGET_RESOLVER)
        CommandTargetResolver customerTargetResolver() {
            return new FamilyTargetResolver<>(CustomerCommand.class, CustomerCommand::customerId);
        }
    }
}
