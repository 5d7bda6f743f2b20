create table settlement_templates (
    id          uuid primary key,
    slug        text        not null unique check (slug ~ '^[a-z0-9][a-z0-9_-]{1,62}$'),
    name        text        not null,
    description text,
    version     integer     not null check (version >= 1),
    is_active   boolean     not null default true,
    config      jsonb       not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

-- Every version a template ever had; settlements record the version they were created with.
create table settlement_template_versions (
    template_id uuid        not null references settlement_templates (id),
    version     integer     not null,
    name        text        not null,
    description text,
    config      jsonb       not null,
    created_at  timestamptz not null default now(),
    primary key (template_id, version)
);
