-- Platform members who log in to the dashboard (SPEC §2–§3, issue 7). One platform per user.
create table users (
    id            uuid primary key,
    email         text        not null unique check (email = lower(email) and char_length(email) <= 254),
    name          text        not null check (char_length(name) between 1 and 200),
    password_hash text        not null,
    created_at    timestamptz not null default now()
);

create table memberships (
    user_id     uuid        primary key references users (id) on delete cascade,
    platform_id uuid        not null references platforms (id),
    role        text        not null check (role in ('platform_manager', 'developer', 'operations', 'viewer')),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index memberships_platform on memberships (platform_id, created_at);

-- Invitations by link: only the token's hash is stored; the link is shown once to the inviter.
create table invitations (
    id          uuid primary key,
    platform_id uuid        not null references platforms (id),
    email       text        not null check (email = lower(email)),
    role        text        not null check (role in ('platform_manager', 'developer', 'operations', 'viewer')),
    token_hash  text        not null unique,
    invited_by  text        not null,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz not null default now()
);
create index invitations_platform on invitations (platform_id, created_at);

-- Failed password logins per e-mail address (members and operators): 5 in a row lock the account for 15 min.
create table login_failures (
    email        text primary key,
    failures     integer     not null,
    locked_until timestamptz,
    updated_at   timestamptz not null default now()
);

-- Spring Authorization Server: authorization codes and refresh tokens of the dashboard's logins, shared by all
-- nodes (the PostgreSQL variant of oauth2-authorization-schema.sql: blob → text, timestamp → timestamptz).
create table oauth2_authorization (
    id                            varchar(100)  not null primary key,
    registered_client_id          varchar(100)  not null,
    principal_name                varchar(200)  not null,
    authorization_grant_type      varchar(100)  not null,
    authorized_scopes             varchar(1000) default null,
    attributes                    text          default null,
    state                         varchar(500)  default null,
    authorization_code_value      text          default null,
    authorization_code_issued_at  timestamptz   default null,
    authorization_code_expires_at timestamptz   default null,
    authorization_code_metadata   text          default null,
    access_token_value            text          default null,
    access_token_issued_at        timestamptz   default null,
    access_token_expires_at       timestamptz   default null,
    access_token_metadata         text          default null,
    access_token_type             varchar(100)  default null,
    access_token_scopes           varchar(1000) default null,
    oidc_id_token_value           text          default null,
    oidc_id_token_issued_at       timestamptz   default null,
    oidc_id_token_expires_at      timestamptz   default null,
    oidc_id_token_metadata        text          default null,
    refresh_token_value           text          default null,
    refresh_token_issued_at       timestamptz   default null,
    refresh_token_expires_at      timestamptz   default null,
    refresh_token_metadata        text          default null,
    user_code_value               text          default null,
    user_code_issued_at           timestamptz   default null,
    user_code_expires_at          timestamptz   default null,
    user_code_metadata            text          default null,
    device_code_value             text          default null,
    device_code_issued_at         timestamptz   default null,
    device_code_expires_at        timestamptz   default null,
    device_code_metadata          text          default null
);
create index oauth2_authorization_refresh_token_expiry on oauth2_authorization (refresh_token_expires_at);

-- Spring Session JDBC (schema-postgresql.sql): HTTP sessions of the login pages and the dashboard.
create table spring_session (
    primary_id            char(36)     not null,
    session_id            char(36)     not null,
    creation_time         bigint       not null,
    last_access_time      bigint       not null,
    max_inactive_interval int          not null,
    expiry_time           bigint       not null,
    principal_name        varchar(100),
    constraint spring_session_pk primary key (primary_id)
);
create unique index spring_session_ix1 on spring_session (session_id);
create index spring_session_ix2 on spring_session (expiry_time);
create index spring_session_ix3 on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id char(36)     not null,
    attribute_name     varchar(200) not null,
    attribute_bytes    bytea        not null,
    constraint spring_session_attributes_pk primary key (session_primary_id, attribute_name),
    constraint spring_session_attributes_fk foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
