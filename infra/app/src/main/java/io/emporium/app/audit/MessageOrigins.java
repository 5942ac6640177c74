package io.emporium.app.audit;

import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The metadata Axon copies from each handled message to the messages it causes. */
@Configuration(proxyBeanMethods = false)
class MessageOrigins {

    /**
     * Declared here because Axon's default gives way as soon as any other provider exists, and without it events
     * would lose their correlation and causation ids.
     */
    @Bean
    MessageOriginProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    CommandOrigin commandOrigin() {
        return new CommandOrigin();
    }
}
