package io.emporium.command.order;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.order.OrderCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes order commands by the family's own accessor, so the contracts stay free of framework annotations. */
@Configuration(proxyBeanMethods = false)
class OrderRouting {

    static final String TARGET_RESOLVER = "orderTargetResolver";

    @Bean(TARGET_RESOLVER)
    CommandTargetResolver orderTargetResolver() {
        return new FamilyTargetResolver<>(OrderCommand.class, OrderCommand::orderId);
    }
}
