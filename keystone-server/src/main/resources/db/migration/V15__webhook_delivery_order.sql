-- The delivery log lists an endpoint's deliveries newest first. It ordered by created_at, the start time of the
-- transaction that created the row, so deliveries created by overlapping transactions, or on either side of a clock
-- step, could be listed out of creation order (seen once in a test). A sequence number taken at insert only grows,
-- whatever the clock does; existing rows are numbered in their created_at order.
alter table webhook_deliveries add column seq bigint;
create sequence webhook_deliveries_seq owned by webhook_deliveries.seq;
update webhook_deliveries d
set seq = numbered.n
from (select id, row_number() over (order by created_at, id) as n from webhook_deliveries) numbered
where d.id = numbered.id;
select setval('webhook_deliveries_seq', coalesce((select max(seq) from webhook_deliveries), 0) + 1, false);
alter table webhook_deliveries
    alter column seq set default nextval('webhook_deliveries_seq'),
    alter column seq set not null;
create index webhook_deliveries_endpoint_seq on webhook_deliveries (endpoint_id, seq desc);
drop index webhook_deliveries_endpoint;
