-- Analytics read models (projection "analytics"). Every time is the event's own timestamp, so a rebuild from
-- history gives the same rows; hours and days are UTC.

-- Sales of confirmed orders per product, hour and currency; an order cancelled after confirmation is taken back
-- from the hour it was counted in. "orders" counts the confirmed orders that held the product.
create table analytics_sales_hourly (
    hour           timestamptz not null,
    sku            text        not null,
    currency       char(3)     not null,
    units          bigint      not null,
    revenue_minor  bigint      not null,
    orders         bigint      not null,
    primary key (hour, sku, currency)
);
create index analytics_sales_hourly_sku on analytics_sales_hourly (sku, hour);

-- The same per UTC day, written in the same transaction as the hourly row. Kept as a table rather than a view over
-- the hourly one: best sellers over a year then sum 365 rows per product instead of 8,760.
create table analytics_sales_daily (
    day            date    not null,
    sku            text    not null,
    currency       char(3) not null,
    units          bigint  not null,
    revenue_minor  bigint  not null,
    orders         bigint  not null,
    primary key (day, sku, currency)
);
create index analytics_sales_daily_sku on analytics_sales_daily (sku, day);

-- How many carts and orders reached each step, on the UTC day the step happened.
create table analytics_funnel_daily (
    day                date   primary key,
    carts_created      bigint not null default 0,
    carts_with_items   bigint not null default 0,
    carts_checked_out  bigint not null default 0,
    orders_placed      bigint not null default 0,
    orders_confirmed   bigint not null default 0
);

-- Per cart: what it holds and when it was last touched (abandoned carts), and the global_index of the last event
-- applied, so that a redelivered event changes no count.
create table analytics_cart (
    cart_id           varchar(255) primary key,
    customer_id       varchar(255) not null,
    last_activity_at  timestamptz  not null,
    had_items         boolean      not null default false,
    checked_out_at    timestamptz,
    units             bigint       not null default 0,
    value_minor       bigint       not null default 0,
    currency          char(3),
    position          bigint       not null
);
create index analytics_cart_abandoned on analytics_cart (last_activity_at desc, cart_id)
    where checked_out_at is null and units > 0;

create table analytics_cart_line (
    cart_id           varchar(255) not null references analytics_cart (cart_id) on delete cascade,
    sku               text         not null,
    quantity          integer      not null,
    unit_price_minor  bigint       not null,
    currency          char(3)      not null,
    -- global_index of the event that first added the SKU: lines are listed in the order they were added.
    added_at          bigint       not null,
    primary key (cart_id, sku)
);

-- Per order: its lines until it can no longer be cancelled, when and whether it was confirmed, and the global_index
-- of the last event applied.
create table analytics_order (
    order_id      varchar(255) primary key,
    status        varchar(32)  not null,
    confirmed_at  timestamptz,
    position      bigint       not null
);

create table analytics_order_line (
    order_id          varchar(255) not null references analytics_order (order_id) on delete cascade,
    line_no           integer      not null,
    sku               text         not null,
    quantity          integer      not null,
    unit_price_minor  bigint       not null,
    currency          char(3)      not null,
    primary key (order_id, line_no)
);
