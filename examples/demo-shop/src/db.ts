/**
 * The shop's own database: PGlite in a folder, or in memory. Plain SQL, dujiaoka-shaped tables.
 * Kefu never reads this database; it only sees what the webhook answers.
 */
import { PGlite, type Transaction } from '@electric-sql/pglite'

/** What the shop's functions need from a database handle: the instance or a transaction. */
export type Sql = Pick<Transaction, 'query' | 'exec'>

export interface ShopDatabase {
  db: PGlite
  close(): Promise<void>
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS buyers (
  id          text PRIMARY KEY,            -- the id passed to kefu('identify'), e.g. u_1001
  email       text NOT NULL,
  name        text NOT NULL
);

CREATE TABLE IF NOT EXISTS products (
  id           integer PRIMARY KEY,
  sku          text NOT NULL UNIQUE,
  title_zh     text NOT NULL,
  title_en     text NOT NULL,
  description  text NOT NULL,
  price_cents  integer NOT NULL CHECK (price_cents >= 0),
  delivery     text NOT NULL CHECK (delivery IN ('auto', 'manual')),  -- dujiaoka type 1 / 2
  input_label  text                                                   -- manual products: what the buyer fills in
);

CREATE TABLE IF NOT EXISTS orders (
  order_no        text PRIMARY KEY,        -- 16 random upper-case characters
  product_id      integer NOT NULL REFERENCES products(id),
  buyer_id        text REFERENCES buyers(id),
  email           text NOT NULL,
  contact         text,                    -- optional QQ / phone
  search_pwd      text,                    -- dujiaoka query password, plain text like the original
  buy_ip          text,
  info            text,                    -- manual orders: the buyer's form input (may hold passwords)
  quantity        integer NOT NULL CHECK (quantity > 0),
  unit_cents      integer NOT NULL,
  total_cents     integer NOT NULL,
  pay_channel     text,
  status          smallint NOT NULL,       -- -1 expired, 1..6 dujiaoka, 7 refunded
  refunded_cents  integer,
  refund_reason   text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  paid_at         timestamptz,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS orders_buyer_idx ON orders (buyer_id, created_at DESC);

-- Stock codes; a sold code keeps the order it went to. A recalled code is void, never resold.
CREATE TABLE IF NOT EXISTS codes (
  id          serial PRIMARY KEY,
  product_id  integer NOT NULL REFERENCES products(id),
  code        text NOT NULL,
  state       text NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'sold', 'void')),
  order_no    text REFERENCES orders(order_no),
  sold_at     timestamptz
);
CREATE INDEX IF NOT EXISTS codes_order_idx ON codes (order_no);

CREATE TABLE IF NOT EXISTS order_notes (
  id          serial PRIMARY KEY,
  order_no    text NOT NULL REFERENCES orders(order_no),
  author      text NOT NULL,
  body        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Emails the shop "sent": delivery mails and re-deliveries. The buyer's simulated mailbox.
CREATE TABLE IF NOT EXISTS outbox (
  id          serial PRIMARY KEY,
  order_no    text NOT NULL REFERENCES orders(order_no),
  to_email    text NOT NULL,
  subject     text NOT NULL,
  body        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('delivery', 'resend')),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Kefu's order.action idempotency keys and the first answer given for each.
CREATE TABLE IF NOT EXISTS kefu_actions (
  idempotency_key  text PRIMARY KEY,
  order_no         text NOT NULL,
  action           text NOT NULL,
  answer           jsonb NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now()
);

-- Which seeded order shows which case, so a restart can print them again.
CREATE TABLE IF NOT EXISTS demo_orders (
  position  integer PRIMARY KEY,
  label     text NOT NULL,
  order_no  text NOT NULL REFERENCES orders(order_no)
);
`

/** Opens (and creates) the shop database; `dataDir` absent means in memory. */
export async function openShopDatabase(dataDir?: string): Promise<ShopDatabase> {
  const db = await PGlite.create(dataDir ? { dataDir } : {})
  await db.exec(SCHEMA)
  return { db, close: () => db.close() }
}
