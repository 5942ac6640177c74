package io.emporium.eventstore;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts each handled message's correlation id into the logging MDC: commands and every event processor. */
@AutoConfiguration
public class CorrelationLogging {

    @Bean
    ConfigurerModule correlationIdInLogs() {
        return configurer -> {
            configurer.eventProcessing().registerDefaultHandlerInterceptor((config, processor) -> interceptor());
            configurer.onInitialize(config -> config.onStart(() ->
                    config.commandBus().registerHandlerInterceptor(interceptor())));
        };
    }

    private static <T extends Message<?>> MessageHandlerInterceptor<T> interceptor() {
        return (UnitOfWork<? extends T> unitOfWork, org.axonframework.messaging.InterceptorChain chain) -> {
            var correlationId = unitOfWork.getMessage().getMetaData().get(Correlation.METADATA_KEY);
            try (var ignored = Correlation.open(correlationId == null ? null : correlationId.toString())) {
                return chain.proceed();
            }
        };
    }
}
