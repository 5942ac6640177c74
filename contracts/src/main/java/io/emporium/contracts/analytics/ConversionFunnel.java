package io.emporium.contracts.analytics;

import java.time.LocalDate;
import java.util.List;

/**
 * How far shoppers got, counted on the UTC day each step happened: a cart created on Monday and checked out on
 * Tuesday counts as created on Monday and as checked out on Tuesday. Orders placed directly, without a cart, count
 * from the order steps on.
 *
 * @param from  first day, inclusive
 * @param to    last day, inclusive
 * @param total the steps over the whole range
 * @param days  every day of the range, also those without activity
 */
public record ConversionFunnel(LocalDate from, LocalDate to, Steps total, List<Day> days) {

    public ConversionFunnel {
        days = List.copyOf(days);
    }

    /**
     * @param cartsWithItems  carts that received their first item that day
     * @param ordersConfirmed orders paid and confirmed that day, also those cancelled later
     */
    public record Steps(long cartsCreated, long cartsWithItems, long cartsCheckedOut, long ordersPlaced,
                        long ordersConfirmed) {}

    public record Day(LocalDate day, Steps steps) {}
}
