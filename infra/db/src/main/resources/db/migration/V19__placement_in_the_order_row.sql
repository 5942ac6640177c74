-- An order's placement is its order row: the row already holds the moment (placed_at), and now holds the placement's
-- position too, so the status timeline keeps only the changes after it. The PLACED row of order_status_change
-- repeated what the order row says, and cost a row, an index entry and their WAL per order: the whole of the
-- timeline table for a history of placements, which a rebuild copies and indexes. Readers build the timeline's
-- first entry from the order row (query-side OrderViews).
--
-- Every existing version of the order views changes (a version a rebuild switches to must have the same columns as
-- the views over it). An order without a PLACED row, which neither the projection nor a rebuild writes, takes the
-- position of its row.
do $$
declare
    serving integer;
    existing record;
begin
    select version into serving from read_model_version where read_model = 'order-views' and state = 'SERVING';
    drop view order_view;
    drop view order_status_change;
    for existing in
        select substring(c.relname from '[0-9]+$') as version
          from pg_class c
         where c.relkind = 'r' and pg_table_is_visible(c.oid) and c.relname ~ '^order_view_v[0-9]+$'
    loop
        execute format('alter table order_view_v%s add column placed_position bigint', existing.version);
        if to_regclass('order_status_change_v' || existing.version) is not null then
            execute format('update order_view_v%1$s o set placed_position = c.position
                              from order_status_change_v%1$s c
                             where c.order_id = o.order_id and c.status = ''PLACED''', existing.version);
            execute format('delete from order_status_change_v%s where status = ''PLACED''', existing.version);
        end if;
        execute format('update order_view_v%s set placed_position = position where placed_position is null',
                       existing.version);
        execute format('alter table order_view_v%s alter column placed_position set not null', existing.version);
    end loop;
    execute format('create view order_view as select * from order_view_v%s', serving);
    execute format('create view order_status_change as select * from order_status_change_v%s', serving);
end $$;
