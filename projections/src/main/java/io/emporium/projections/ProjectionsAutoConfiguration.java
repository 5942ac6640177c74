package io.emporium.projections;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;

/** The projections role: on unless {@code emporium.roles.projections.enabled=false}. */
@AutoConfiguration
@ConditionalOnProperty(name = "emporium.roles.projections.enabled", havingValue = "true", matchIfMissing = true)
@ComponentScan
@ConfigurationPropertiesScan
public class ProjectionsAutoConfiguration {}
