/* meshwatch */ SELECT
  count(*) AS m0,
  count(*) FILTER (WHERE "order_id" IS NULL) AS m1,
  count(*) FILTER (WHERE "customer_id" IS NULL) AS m2,
  count(*) FILTER (WHERE "order_id" IS NOT NULL AND "customer_id" IS NOT NULL) AS m3,
  count(*) FILTER (WHERE ("customer_id" IS NOT NULL AND NOT regexp_full_match("customer_id", '[0-9a-fA-F]{32,128}'))) AS m4,
  count(*) FILTER (WHERE ("email" IS NOT NULL AND trim("email") <> '' AND NOT regexp_matches("email", '[*#Xx]{3}'))) AS m5,
  count(*) FILTER (WHERE ("ssn" IS NOT NULL AND NOT regexp_full_match(lower(trim("ssn")), '[*#x]*|redacted|\[redacted\]|<redacted>|\(redacted\)'))) AS m6,
  count(*) FILTER (WHERE NOT ((CAST("order_count" AS HUGEINT) * CAST(3000000000 AS HUGEINT)) < 9000000000000000000)) AS m7,
  count(*) FILTER (WHERE NOT ((("order_count" % NULLIF(2, 0)) = 0) OR ("order_count" IS NULL))) AS m8,
  count(*) FILTER (WHERE NOT (round(("revenue_usd" / NULLIF(3, 0)), 2) >= (-2))) AS m9,
  count(*) FILTER (WHERE NOT (("email" LIKE '%@%' ESCAPE '\') OR ("email" ILIKE 'n/a' ESCAPE '\'))) AS m10,
  count(*) FILTER (WHERE NOT (("updated_at" >= TIMESTAMP '2024-01-01 00:00:00.000000') AND ("day" BETWEEN DATE '2024-01-01' AND DATE '2030-12-31'))) AS m11,
  count(*) FILTER (WHERE NOT (coalesce("revenue_usd", 0) IN (0, 5, 10.5))) AS m12,
  count(*) FILTER (WHERE NOT ("ssn" <> 'it''s \\ n/a')) AS m13,
  count(*) FILTER (WHERE NOT ((least("order_count", 10, "revenue_usd") >= 0) AND (greatest("order_count", 1) < 1000))) AS m14,
  count(*) FILTER (WHERE NOT ((length(trim(lower("email"))) <= 320) AND (upper("order_id") <> ''))) AS m15,
  ((count(DISTINCT "customer_id") <= count(*))) AS m16,
  ((abs((sum("revenue_usd") - sum((CASE WHEN ("order_count" > 0) THEN "revenue_usd" ELSE 0 END)))) < 0.01)) AS m17
FROM "main"."orders_daily"
WHERE "updated_at" >= ?
-- parameters: [2024-06-10T00:00 (LocalDateTime)]
