-- Every status an order went through (projection "order-views"): the timeline of GET /orders/{id}.
create table order_status_change (
    order_id    varchar(255) not null,
    -- global_index of the event that made the change; replays insert nothing twice.
    position    bigint       not null,
    status      varchar(32)  not null,
    changed_at  timestamptz  not null,
    primary key (order_id, position)
);

-- A customer's orders, newest first, in a stable order when two share a moment.
drop index order_view_customer;
create index order_view_customer on order_view (customer_id, placed_at desc, order_id desc);

-- Every change to order_view is announced to listening query instances when, and only if, its transaction
-- commits: read-your-writes and live order status wait on these notices instead of polling the table.
create function announce_order_view_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('order_view_changes',
                      json_build_object('orderId', new.order_id, 'status', new.status,
                                        'position', new.position)::text);
    return null;
end
$$;

create trigger order_view_changed
    after insert or update on order_view
    for each row execute function announce_order_view_change();
