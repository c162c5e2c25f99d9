/* meshwatch */ SELECT
  count(*) AS m0,
  count(*) FILTER (WHERE "order_id" IS NULL) AS m1,
  count(*) FILTER (WHERE "customer_id" IS NULL) AS m2,
  count(*) FILTER (WHERE "order_id" IS NOT NULL AND "customer_id" IS NOT NULL) AS m3,
  count(*) FILTER (WHERE ("customer_id" IS NOT NULL AND NOT regexp_full_match("customer_id", '[0-9a-fA-F]{32,128}'))) AS m4,
  count(*) FILTER (WHERE ("email" IS NOT NULL AND trim("email") <> '' AND NOT regexp_matches("email", '[*#Xx]{3}'))) AS m5,
  count(*) FILTER (WHERE ("ssn" IS NOT NULL AND NOT regexp_full_match(lower(trim("ssn")), '[*#x]*|redacted|\[redacted\]|<redacted>|\(redacted\)'))) AS m6,
  count(*) FILTER (WHERE NOT ("order_count" > 0)) AS m7,
  count(*) FILTER (WHERE NOT ("revenue_usd" >= 0)) AS m8,
  ((count(*) > 0)) AS m9,
  count(*) FILTER (WHERE NOT (("revenue_usd" / NULLIF("order_count", 0)) < 1000)) AS m10,
  count(*) FILTER (WHERE NOT ((((CAST("order_count" AS HUGEINT) * CAST(1000 AS HUGEINT)) + CAST(1 AS HUGEINT)) > 0) AND (("order_count" % NULLIF(7, 0)) <> 3))) AS m11,
  count(*) FILTER (WHERE NOT ((NOT ("order_id" LIKE 'test\_%' ESCAPE '\')) AND ("order_id" <> 'it''s a\b'))) AS m12,
  count(*) FILTER (WHERE NOT ("day" >= DATE '2020-01-01')) AS m13,
  count(*) FILTER (WHERE NOT (round(greatest("revenue_usd", 0), 1) < 1000000)) AS m14
FROM "main"."orders_daily"
WHERE "day" >= ?
-- parameters: [2024-06-07 (LocalDate)]
