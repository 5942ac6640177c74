/** Search read models in Elasticsearch, each written idempotently by event position. */
@NullMarked
package io.emporium.projections.search;

import org.jspecify.annotations.NullMarked;
