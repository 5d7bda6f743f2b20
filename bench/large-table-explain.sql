-- EXPLAIN (ANALYZE, BUFFERS) of the SQL that GET /v1/settlements and GET /v1/settlements/{id} run
-- (SettlementStore.list / load, ComplianceCheckRepository, SimulatedChainGateway), written out with the values the
-- listget bench uses. Run by `bench/large-table.sh explain` with psql variables env (the hot environment id),
-- after (a date 30 days ago, for the one-day window) and id (a settlement of the hot environment).
-- Keep the statements in step with SettlementStore.list when it changes.

\set ON_ERROR_STOP on
\pset pager off
set max_parallel_workers_per_gather = 0;  -- as the server's short statements run on this 2-core machine anyway

\echo '==== list, first page: the count (SettlementStore.countVisible, no filter on settlement columns)'
explain (analyze, buffers, costs off)
select count(*) from (select distinct settlement_id from settlement_parties where environment_id = :env) visible;

\echo '==== list, first page: the ids'
explain (analyze, buffers, costs off)
select s.id from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
order by s.created_at desc, s.id desc limit 20 offset 0;

\echo '==== list, state=AWAITING_DEPOSITS: the count'
explain (analyze, buffers, costs off)
select count(*) from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
  and s.state in ('AWAITING_DEPOSITS');

\echo '==== list, state=AWAITING_DEPOSITS: the ids'
explain (analyze, buffers, costs off)
select s.id from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
  and s.state in ('AWAITING_DEPOSITS')
order by s.created_at desc, s.id desc limit 20 offset 0;

\echo '==== list, state=ROLLED_BACK: the count'
explain (analyze, buffers, costs off)
select count(*) from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
  and s.state in ('ROLLED_BACK');

\echo '==== list, state=ROLLED_BACK: the ids'
explain (analyze, buffers, costs off)
select s.id from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
  and s.state in ('ROLLED_BACK')
order by s.created_at desc, s.id desc limit 20 offset 0;

\echo '==== list, offset 10000: the ids'
explain (analyze, buffers, costs off)
select s.id from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
order by s.created_at desc, s.id desc limit 20 offset 10000;

\echo '==== list, starting_after a settlement: the ids'
explain (analyze, buffers, costs off)
select s.id from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
  and (s.created_at, s.id) < (select created_at, id from settlements where id = :id)
order by s.created_at desc, s.id desc limit 20 offset 0;

\echo '==== list, one day 30 days ago: the count'
explain (analyze, buffers, costs off)
select count(*) from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
  and s.created_at > :after::timestamptz and s.created_at < :after::timestamptz + interval '1 day';

\echo '==== list, one day 30 days ago: the ids'
explain (analyze, buffers, costs off)
select s.id from settlements s
where exists (select 1 from settlement_parties vp where vp.settlement_id = s.id and vp.environment_id = :env)
  and s.created_at > :after::timestamptz and s.created_at < :after::timestamptz + interval '1 day'
order by s.created_at desc, s.id desc limit 20 offset 0;

\echo '==== get: the settlement, its parties, legs, compliance results and escrow legs'
explain (analyze, buffers, costs off) select * from settlements s where s.id = :id;
explain (analyze, buffers, costs off)
select * from settlement_parties where settlement_id = :id order by created_at, role;
explain (analyze, buffers, costs off) select * from settlement_legs where settlement_id = :id order by leg_index;
explain (analyze, buffers, costs off)
select * from compliance_checks where settlement_id = :id order by position;
explain (analyze, buffers, costs off) select * from chain_escrow_legs where settlement_id = :id order by leg_index;
