package io.emporium.command.checkout;

import java.time.Instant;

/** When an unpaid order is called off: set when it is placed, cleared once it is paid or ends otherwise. */
interface PaymentDeadlines {

    void schedule(String orderId, Instant placedAt);

    void clear(String orderId);
}
