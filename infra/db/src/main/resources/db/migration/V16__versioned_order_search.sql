-- The order index becomes rebuildable blue/green (ADR 008): index orders-v1 behind the alias "orders" is version 1.
insert into read_model_version (read_model, version, state) values ('order-search', 1, 'SERVING');
