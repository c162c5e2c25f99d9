/* meshwatch */ SELECT
  count(*) AS m0,
  count(*) FILTER (WHERE "order_id" IS NULL) AS m1,
  count(*) FILTER (WHERE "customer_id" IS NULL) AS m2,
  count(*) FILTER (WHERE "order_id" IS NOT NULL AND "customer_id" IS NOT NULL) AS m3,
  count(*) FILTER (WHERE ("customer_id" IS NOT NULL AND NOT (length("customer_id") BETWEEN 32 AND 128 AND ("customer_id" ~ '^(?:[0-9a-fA-F]+)$')))) AS m4,
  count(*) FILTER (WHERE ("email" IS NOT NULL AND trim("email") <> '' AND NOT ("email" ~ '[*#Xx]{3}'))) AS m5,
  count(*) FILTER (WHERE ("ssn" IS NOT NULL AND NOT (lower(trim("ssn")) ~ E'^(?:[*#x]*|redacted|\\[redacted\\]|<redacted>|\\(redacted\\))$'))) AS m6,
  count(*) FILTER (WHERE NOT ("order_count" > 0)) AS m7,
  count(*) FILTER (WHERE NOT ("revenue_usd" >= 0)) AS m8,
  ((count(*) > 0)) AS m9,
  count(*) FILTER (WHERE NOT ((CAST("revenue_usd" AS numeric) / NULLIF("order_count", 0)) < 1000)) AS m10,
  count(*) FILTER (WHERE NOT ((((CAST("order_count" AS numeric) * CAST(1000 AS numeric)) + CAST(1 AS numeric)) > 0) AND (("order_count" % NULLIF(7, 0)) <> 3))) AS m11,
  count(*) FILTER (WHERE NOT ((NOT ("order_id" LIKE E'test\\_%' ESCAPE E'\\')) AND ("order_id" <> E'it''s a\\b'))) AS m12,
  count(*) FILTER (WHERE NOT ("day" >= DATE '2020-01-01')) AS m13,
  count(*) FILTER (WHERE NOT (round(CAST(greatest("revenue_usd", 0) AS numeric), 1) < 1000000)) AS m14
FROM "public"."orders_daily"
WHERE "day" >= ?
-- parameters: [2024-06-07 (LocalDate)]
