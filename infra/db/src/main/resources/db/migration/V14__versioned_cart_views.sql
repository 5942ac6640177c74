-- The cart views become rebuildable blue/green like the order views (ADR 008): the live tables are version 1, readers
-- use the stable names through views, and the change-notice trigger moves with its table.
alter table cart_view rename to cart_view_v1;
alter table cart_line_view rename to cart_line_view_v1;
create view cart_view as select * from cart_view_v1;
create view cart_line_view as select * from cart_line_view_v1;

insert into read_model_version (read_model, version, state) values ('cart-views', 1, 'SERVING');
