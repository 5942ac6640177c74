package io.emporium.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.command.http.Commands;
import java.util.Locale;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.spring.stereotype.Saga;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The checkout process is a role of its own: an instance with {@code emporium.roles.checkout.enabled=false} takes
 * commands (orders among them) but neither runs the process nor sweeps payment deadlines, so the process can run on
 * other instances than the ones that take the shop's traffic.
 */
@EngineIT
class CheckoutRoleIT {

    private static final String PROCESSOR = "CheckoutProcessProcessor";

    @Autowired EventProcessingConfiguration processing;

    @Test
    void anInstanceWithoutTheCheckoutRoleTakesCommandsButRunsNoCheckoutProcess() {
        assertThat(processing.eventProcessor(PROCESSOR)).isPresent();

        try (var commandsOnly = new SpringApplicationBuilder(EmporiumApplication.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("emporium.roles.checkout.enabled", "false",
                        "emporium.roles.projections.enabled", "false",
                        "emporium.roles.query.enabled", "false",
                        "spring.main.banner-mode", "off"))
                .run()) {
            assertThat(commandsOnly.getBean(EventProcessingConfiguration.class).eventProcessor(PROCESSOR)).isEmpty();
            assertThat(commandsOnly.getBeanNamesForType(Commands.class)).isNotEmpty();
            assertThat(commandsOnly.getBeanNamesForAnnotation(Saga.class)).isEmpty();
            assertThat(commandsOnly.getBeanFactory().getBeanNamesIterator()).toIterable()
                    .noneMatch(name -> name.toLowerCase(Locale.ROOT).contains("checkoutdeadlines"));
        }
    }
}
