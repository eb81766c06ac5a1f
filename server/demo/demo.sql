-- The demo bookshop: the database `sluice serve --demo` publishes, so a newcomer sees a working
-- API at once. The rows are generated in demodatabase.cpp.

PRAGMA user_version = 1;

CREATE TABLE authors (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE,
    country     TEXT    NOT NULL,
    born_year   INTEGER CHECK (born_year BETWEEN 1000 AND 2100),
    nobel_prize BOOLEAN NOT NULL DEFAULT 0 CHECK (nobel_prize IN (0, 1))
);

CREATE TABLE books (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    title          TEXT          NOT NULL,
    author_id      INTEGER       NOT NULL REFERENCES authors (id),
    genre          TEXT          NOT NULL,
    isbn           TEXT          UNIQUE,
    price          NUMERIC(8, 2) NOT NULL CHECK (price >= 0),
    pages          INTEGER       CHECK (pages > 0),
    published_year INTEGER,
    added_on       DATE          NOT NULL,
    in_stock       BOOLEAN       NOT NULL DEFAULT 1 CHECK (in_stock IN (0, 1)),
    description    TEXT
);

CREATE TABLE customers (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    name       TEXT     NOT NULL,
    email      TEXT     NOT NULL UNIQUE,
    city       TEXT,
    country    TEXT     NOT NULL,
    newsletter BOOLEAN  NOT NULL DEFAULT 0 CHECK (newsletter IN (0, 1)),
    created_at DATETIME NOT NULL
);

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id INTEGER  NOT NULL REFERENCES customers (id),
    ordered_at  DATETIME NOT NULL,
    status      TEXT     NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'paid', 'shipped', 'delivered', 'cancelled')),
    shipped_on  DATE,
    gift        BOOLEAN  NOT NULL DEFAULT 0 CHECK (gift IN (0, 1)),
    note        TEXT
);

CREATE TABLE order_items (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    order_id   INTEGER       NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    book_id    INTEGER       NOT NULL REFERENCES books (id),
    quantity   INTEGER       NOT NULL CHECK (quantity > 0),
    unit_price NUMERIC(8, 2) NOT NULL CHECK (unit_price >= 0),
    UNIQUE (order_id, book_id)
);

CREATE INDEX books_author_id ON books (author_id);
CREATE INDEX books_genre ON books (genre);
CREATE INDEX orders_customer_id ON orders (customer_id);
CREATE INDEX orders_ordered_at ON orders (ordered_at);
CREATE INDEX order_items_book_id ON order_items (book_id);

-- Sales per book, cancelled orders left out; a book never sold shows zeros.
CREATE VIEW book_sales AS
SELECT b.id                                           AS book_id,
       b.title                                        AS title,
       a.name                                         AS author,
       b.genre                                        AS genre,
       COUNT(DISTINCT s.order_id)                     AS order_count,
       COALESCE(SUM(s.quantity), 0)                   AS copies_sold,
       ROUND(COALESCE(SUM(s.quantity * s.unit_price), 0), 2) AS revenue
FROM books b
JOIN authors a ON a.id = b.author_id
LEFT JOIN (SELECT oi.book_id, oi.order_id, oi.quantity, oi.unit_price
           FROM order_items oi
           JOIN orders o ON o.id = oi.order_id
           WHERE o.status <> 'cancelled') s ON s.book_id = b.id
GROUP BY b.id, b.title, a.name, b.genre;
