package io.emporium.app.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the generated document cannot see in the code: every state-changing request needs an Idempotency-Key (the
 * controllers accept a missing one only to answer it with their own problem), may carry If-Match, and answers
 * errors as application/problem+json with a stable reason.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI emporiumApi() {
        return new OpenAPI().info(new Info().title("Emporium").version("v1").description("""
                An event-sourced commerce engine. Every state-changing request needs an Idempotency-Key: a retry with \
                the same key and body gets the first response (Idempotent-Replayed: true) and changes nothing again; \
                the same key with another body is a 422. Successful changes answer with the aggregate version as \
                ETag (send it back as If-Match for optimistic concurrency: 412 when it moved on) and the global \
                position of their last event as Emporium-Position. Errors are application/problem+json; business \
                rejections are 409 with a stable machine-readable reason."""));
    }

    @Bean
    OpenApiCustomizer stateChangingRequests() {
        return api -> api.getPaths().forEach((route, path) -> {
            // Operations endpoints are not the shop's resources: a replay is made unique by its new topic.
            if (!route.startsWith("/ops/")) {
                document(path.getPost());
                document(path.getPut());
                document(path.getPatch());
                document(path.getDelete());
            }
            documentErrors(path);
        });
    }

    private static void document(Operation operation) {
        if (operation == null) {
            return;
        }
        if (operation.getParameters() != null) {
            operation.getParameters().removeIf(parameter -> "Idempotency-Key".equals(parameter.getName()));
        }
        operation.addParametersItem(new Parameter().in("header").name("Idempotency-Key").required(true)
                .description("Unique per intended change; reuse it to retry safely.").schema(new StringSchema()
                        .maxLength(255)));
        operation.addParametersItem(new Parameter().in("header").name("If-Match").required(false)
                .description("The ETag last seen; the change is refused with 412 if the resource moved on.")
                .schema(new StringSchema()));
        operation.getResponses().putIfAbsent("503", new ApiResponse().description("""
                Not done: too many changes in flight (reason OVERLOADED), or a server it needs is not answering. \
                Retry after Retry-After seconds with the same Idempotency-Key.""").content(problem()));
    }

    private static void documentErrors(PathItem path) {
        var problem = problem();
        path.readOperations().forEach(operation -> {
            operation.getResponses().putIfAbsent("400", new ApiResponse().description("Invalid request")
                    .content(problem));
            operation.getResponses().putIfAbsent("404", new ApiResponse().description("Unknown resource")
                    .content(problem));
        });
    }

    private static Content problem() {
        return new Content().addMediaType("application/problem+json", new MediaType().schema(new Schema<>()
                .$ref("#/components/schemas/ProblemDetail")));
    }
}
