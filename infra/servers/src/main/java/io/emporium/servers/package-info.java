/** Real PostgreSQL, Kafka, Elasticsearch and PSP servers for tests and local runs, found or started once per JVM. */
@NullMarked
package io.emporium.servers;

import org.jspecify.annotations.NullMarked;
