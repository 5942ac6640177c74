/** Change data capture: Debezium's embedded engine on logical decoding, published in Kafka transactions. */
@NullMarked
package io.emporium.cdcprobe.capture;

import org.jspecify.annotations.NullMarked;
