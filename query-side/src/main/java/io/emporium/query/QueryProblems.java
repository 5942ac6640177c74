package io.emporium.query;

import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the query API as application/problem+json (404 for an unknown order, 400 for bad input). */
@RestControllerAdvice(basePackageClasses = QuerySideAutoConfiguration.class)
class QueryProblems extends ResponseEntityExceptionHandler {}
