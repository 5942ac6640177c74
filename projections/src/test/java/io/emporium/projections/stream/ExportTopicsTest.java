package io.emporium.projections.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.emporium.contracts.schema.EventSchemas;
import org.junit.jupiter.api.Test;

/** Every event family that contracts publish a schema for has a topic of its own, and no topic carries another. */
class ExportTopicsTest {

    @Test
    void everyPublishedFamilyGoesToATopicOfItsOwn() {
        assertThat(EventSchemas.PUBLISHED_FAMILIES)
                .allSatisfy(family -> assertThat(ExportTopics.ofType(family)).isPresent())
                .extracting(family -> ExportTopics.ofType(family).orElseThrow().topic())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ExportTopics.names());
    }

    @Test
    void everyPublishedEventTypeIsExported() {
        assertThat(EventSchemas.publishedTypes()).allSatisfy(type ->
                assertThat(ExportTopics.ofType(type)).as(type.getName()).isPresent());
    }
}
