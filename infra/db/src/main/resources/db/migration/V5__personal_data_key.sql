-- One data key per person whose data the shop holds (crypto-shredding). Each key is stored wrapped (AES-GCM) by a
-- master key named by master_key_id, so master keys can be rotated by re-wrapping rows. Deleting a row erases that
-- person's data everywhere it was sealed: events, read models, Kafka, backups.
create table personal_data_key (
    subject_id    varchar(255) primary key,
    master_key_id varchar(64)  not null,
    wrapped_key   bytea        not null,
    created_at    timestamptz  not null default now()
);
