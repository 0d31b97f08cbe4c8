CREATE TABLE IF NOT EXISTS gift_cards (
  code text PRIMARY KEY,
  balance integer NOT NULL
);

CREATE TABLE IF NOT EXISTS gift_card_redemptions (
  id serial PRIMARY KEY,
  code text NOT NULL REFERENCES gift_cards (code),
  amount integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS users (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  plan text NOT NULL DEFAULT 'free',
  trial_used boolean NOT NULL DEFAULT false,
  trial_ends_at timestamptz,
  credits integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orders (
  id serial PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  amount integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS idempotency_keys (
  key text PRIMARY KEY,
  status_code integer,
  body jsonb,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS processed_events (
  event_id text PRIMARY KEY,
  processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS jobs (
  id serial PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL DEFAULT 'queued',
  worker text,
  claimed_at timestamptz
);

CREATE TABLE IF NOT EXISTS counter_events (
  id serial PRIMARY KEY,
  name text NOT NULL,
  value integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
