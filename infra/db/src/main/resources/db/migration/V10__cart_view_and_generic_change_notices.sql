-- Carts as the storefront reads them (projection "cart-views"): one row per cart, one per line.
create table cart_view (
    cart_id      varchar(255) primary key,
    customer_id  varchar(255) not null,
    status       varchar(32)  not null,
    order_id     varchar(255),
    -- global_index of the last event applied to the cart: lines change only for a newer event.
    position     bigint       not null
);

create table cart_line_view (
    cart_id           varchar(255) not null references cart_view (cart_id) on delete cascade,
    sku               varchar(64)  not null,
    quantity          integer      not null,
    unit_price_minor  bigint       not null,
    currency          char(3)      not null,
    added_at          bigint       not null,
    primary key (cart_id, sku)
);

-- Change notices share one shape, {"id", "position", "status"}, so that one listener serves every read model.
create or replace function announce_order_view_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('order_view_changes',
                      json_build_object('id', new.order_id, 'status', new.status, 'position', new.position)::text);
    return null;
end
$$;

create function announce_cart_view_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('cart_view_changes',
                      json_build_object('id', new.cart_id, 'status', new.status, 'position', new.position)::text);
    return null;
end
$$;

create trigger cart_view_changed
    after insert or update on cart_view
    for each row execute function announce_cart_view_change();
