package io.emporium.command.cart;

import io.emporium.command.messaging.FamilyTargetResolver;
import io.emporium.contracts.cart.CartCommand;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Routes cart commands to their cart. */
@Configuration(proxyBeanMethods = false)
class CartRouting {

    static final String TARGET_RESOLVER = "cartTargetResolver";

    @Bean(TARGET_RESOLVER)
    CommandTargetResolver cartTargetResolver() {
        return new FamilyTargetResolver<>(CartCommand.class, CartCommand::cartId);
    }
}
