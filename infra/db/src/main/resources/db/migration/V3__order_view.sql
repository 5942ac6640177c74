-- Orders as the storefront reads them (projection "order-views"), one row per order.
create table order_view (
    order_id     varchar(255) primary key,
    customer_id  varchar(255) not null,
    status       varchar(32)  not null,
    lines        jsonb        not null,
    total_minor  bigint       not null,
    currency     char(3)      not null,
    placed_at    timestamptz  not null,
    -- global_index of the last event applied: read-your-writes compares against it, replays never go back past it.
    position     bigint       not null
);

create index order_view_customer on order_view (customer_id, placed_at desc);
