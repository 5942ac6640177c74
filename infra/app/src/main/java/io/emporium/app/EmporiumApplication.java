package io.emporium.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Emporium's engine. Roles (command, projections, query) come from their modules' auto-configurations and can be
 * switched off one by one ({@code emporium.roles.<role>.enabled=false}) to run each as its own process.
 */
@SpringBootApplication
public class EmporiumApplication {

    public static void main(String[] args) {
        // AxonIQ's update checker phones home; production machines have no business doing that unasked.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(EmporiumApplication.class, args);
    }
}
