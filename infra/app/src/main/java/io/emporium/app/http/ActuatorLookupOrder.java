package io.emporium.app.http;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.webflux.actuate.endpoint.web.AbstractWebFluxEndpointHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The actuator's endpoints are looked up after the storefront's routes and controllers instead of before them.
 * Spring Boot asks the actuator's mapping first (order -100), and it has no lookup by path for the few of its paths
 * with variables: every storefront request was tested against each actuator endpoint, media types included, before
 * its own route was asked. That was 11.5 % of the bytes the engine allocated serving cached product pages
 * (async-profiler, issue 4's note of 2026-12-05); interleaved runs of 64 users reading 50 cached pages, 30 s each:
 * 14,979 and 12,735 pages/s at 60.1 and 68.0 us of engine CPU each before, 16,004 and 16,599 at 56.2 and 54.2 us
 * after. The actuator's paths are its own, so asking it after the controllers (order 0) changes no answer; static
 * resources (lowest precedence) still come after it.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorLookupOrder {

    private static final int ORDER = 1;

    @Bean
    static BeanPostProcessor actuatorAfterStorefront() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractWebFluxEndpointHandlerMapping actuator) {
                    actuator.setOrder(ORDER);
                }
                return bean;
            }
        };
    }
}
