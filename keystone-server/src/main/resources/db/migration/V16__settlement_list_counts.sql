-- The exact `total` of GET /v1/settlements without counting millions of rows per request (docs/performance.md,
-- issue 9). A settlement is visible to every environment with a party in it; these tables count the visible
-- settlements per environment, state, settlement type and template.
--
-- Writers never update a shared counter row (that would serialise every settlement of an environment on one row
-- lock): each change appends signed deltas to settlement_count_changes in the same transaction as the change itself,
-- from the triggers below, so no code path can forget them. A scheduled job (SettlementCounts.compact, one node at a
-- time) folds the deltas into settlement_counts. A count reads both tables in one statement, i.e. one snapshot, and
-- the fold moves rows from one table to the other in one transaction, so a reader sees every committed change
-- exactly once, before or after the fold.

create table settlement_counts (
    environment_id  uuid   not null,
    state           text   not null,
    settlement_type text   not null,
    template_slug   text   not null,
    settlements     bigint not null,
    primary key (environment_id, state, settlement_type, template_slug)
);

create table settlement_count_changes (
    environment_id  uuid    not null,
    state           text    not null,
    settlement_type text    not null,
    template_slug   text    not null,
    delta           integer not null
);
create index settlement_count_changes_environment on settlement_count_changes (environment_id);

-- A party makes the settlement visible to its environment unless another party of that environment already did
-- (a single-platform settlement has two parties in one environment, and counts once). Statement-level, so that a
-- multi-row insert sees its own rows as "new".
create function settlement_parties_count_visibility() returns trigger
    language plpgsql as
$$
begin
    insert into settlement_count_changes (environment_id, state, settlement_type, template_slug, delta)
    select n.environment_id, s.state, s.settlement_type, s.template_slug, count(*)
    from (select distinct settlement_id, environment_id from new_parties) n
             join settlements s on s.id = n.settlement_id
    where not exists (select 1
                      from settlement_parties p
                      where p.settlement_id = n.settlement_id
                        and p.environment_id = n.environment_id
                        and not exists (select 1 from new_parties x where x.id = p.id))
    group by n.environment_id, s.state, s.settlement_type, s.template_slug;
    return null;
end;
$$;

create trigger settlement_parties_count_visibility
    after insert on settlement_parties
    referencing new table as new_parties
    for each statement execute function settlement_parties_count_visibility();

-- A state change moves the settlement from one state's count to the other's, in every environment that sees it.
create function settlements_count_state_change() returns trigger
    language plpgsql as
$$
begin
    insert into settlement_count_changes (environment_id, state, settlement_type, template_slug, delta)
    select v.environment_id, c.state, new.settlement_type, new.template_slug, c.delta
    from (select distinct environment_id from settlement_parties where settlement_id = new.id) v
             cross join (values (old.state, -1), (new.state, 1)) as c(state, delta);
    return null;
end;
$$;

create trigger settlements_count_state_change
    after update of state on settlements
    for each row
    when (old.state is distinct from new.state)
execute function settlements_count_state_change();

-- Neither the type nor the template of a settlement changes, a party stays with its settlement and environment, and
-- settlements and parties are never deleted; refuse what would make the counts wrong instead of trusting that.
create function settlement_count_keys_fixed() returns trigger
    language plpgsql as
$$
begin
    raise exception '% row % cannot change the columns the list counts are keyed by', tg_table_name, old.id;
end;
$$;

create trigger settlements_count_keys_fixed
    before update of settlement_type, template_slug on settlements
    for each row
    when (old.settlement_type is distinct from new.settlement_type
        or old.template_slug is distinct from new.template_slug)
execute function settlement_count_keys_fixed();

create trigger settlement_parties_count_keys_fixed
    before update of settlement_id, environment_id on settlement_parties
    for each row
    when (old.settlement_id is distinct from new.settlement_id
        or old.environment_id is distinct from new.environment_id)
execute function settlement_count_keys_fixed();

create function settlement_rows_never_deleted() returns trigger
    language plpgsql as
$$
begin
    raise exception '% rows are never deleted (the list counts depend on it)', tg_table_name;
end;
$$;

create trigger settlements_never_deleted
    before delete or truncate on settlements
    for each statement execute function settlement_rows_never_deleted();
create trigger settlement_parties_never_deleted
    before delete or truncate on settlement_parties
    for each statement execute function settlement_rows_never_deleted();

-- The counts of what exists now. The triggers above already hold off concurrent writers (creating a trigger locks
-- the table against writes until this migration commits), so nothing is counted twice or missed.
insert into settlement_counts (environment_id, state, settlement_type, template_slug, settlements)
select v.environment_id, s.state, s.settlement_type, s.template_slug, count(*)
from (select distinct settlement_id, environment_id from settlement_parties) v
         join settlements s on s.id = v.settlement_id
group by v.environment_id, s.state, s.settlement_type, s.template_slug;
