create table if not exists orders_seen (
  event_id varchar(64) primary key,
  seller varchar(64),
  created_at timestamp
);
