-- 报送 collection server: units, their submitted versions (append-only), the office's reviews, sessions and the audit log.
-- Plain SQL that PostgreSQL and PGlite (PostgreSQL in WebAssembly) both run unchanged.

CREATE TABLE settings (
  name text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE admins (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  admin_id integer NOT NULL REFERENCES admins (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE units (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  credit_code text,
  kind text,
  grp text,
  contact text,
  phone text,
  -- The 报送码 is never stored: a fast lookup key (SHA-256 of the code) and a salted scrypt hash to verify it.
  code_lookup text NOT NULL UNIQUE,
  code_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Every accepted file, never updated or deleted.
CREATE TABLE versions (
  id serial PRIMARY KEY,
  unit_id integer NOT NULL REFERENCES units (id),
  year integer NOT NULL,
  format text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  file_name text NOT NULL,
  size integer NOT NULL,
  file_sha256 text NOT NULL,
  report_sha256 text NOT NULL,
  source text NOT NULL,
  valid boolean NOT NULL,
  errors integer NOT NULL,
  warnings integer NOT NULL,
  explained integer NOT NULL,
  client text NOT NULL,
  body bytea NOT NULL,
  result jsonb NOT NULL
);
CREATE INDEX versions_unit_year ON versions (unit_id, year, id);

-- 退回 and 确认, each of one version.
CREATE TABLE reviews (
  id serial PRIMARY KEY,
  version_id integer NOT NULL REFERENCES versions (id),
  action text NOT NULL CHECK (action IN ('return', 'confirm')),
  note text NOT NULL DEFAULT '',
  admin_id integer NOT NULL REFERENCES admins (id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reviews_version ON reviews (version_id, id);

CREATE TABLE audit (
  id serial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  unit_id integer REFERENCES units (id),
  client text NOT NULL DEFAULT '',
  detail jsonb NOT NULL DEFAULT '{}'
);
