package io.emporium.contracts.order;

/** What can be asked about orders. */
public sealed interface OrderQuery {

    /** Which order has this id, as the read model knows it now? */
    record FindOrder(String orderId) implements OrderQuery {}

    /**
     * Which orders did this customer place, newest first?
     *
     * @param page zero-based
     * @param size orders per page
     */
    record FindOrderHistory(String customerId, int page, int size) implements OrderQuery {}
}
