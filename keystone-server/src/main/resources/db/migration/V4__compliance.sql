-- Results of the latest compliance screening of each settlement (SPEC §8): one row per party, check and provider,
-- in the order the screening produced them. A new screening of the settlement replaces its rows. Only provider
-- references are stored, never raw screening data. No foreign keys: the compliance module does not depend on the
-- settlement tables.
create table compliance_checks (
    settlement_id uuid        not null,
    position      integer     not null check (position >= 0),
    party_id      uuid        not null,
    check_type    text        not null check (check_type in ('entity', 'wallet')),
    provider      text        not null,
    outcome       text        not null check (outcome in ('pass', 'flagged', 'fail')),
    reference     text,
    checked_at    timestamptz not null,
    primary key (settlement_id, position),
    unique (settlement_id, party_id, check_type, provider)
);
