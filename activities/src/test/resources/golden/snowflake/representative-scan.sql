/* meshwatch */ SELECT
  count(*) AS m0,
  COUNT_IF("ORDER_ID" IS NULL) AS m1,
  COUNT_IF("CUSTOMER_ID" IS NULL) AS m2,
  COUNT_IF("ORDER_ID" IS NOT NULL AND "CUSTOMER_ID" IS NOT NULL) AS m3,
  COUNT_IF(("CUSTOMER_ID" IS NOT NULL AND NOT (length("CUSTOMER_ID") BETWEEN 32 AND 128 AND REGEXP_LIKE("CUSTOMER_ID", '^([0-9a-fA-F]+)$')))) AS m4,
  COUNT_IF(("EMAIL" IS NOT NULL AND trim("EMAIL") <> '' AND NOT (REGEXP_INSTR("EMAIL", '[*#Xx]{3}') > 0))) AS m5,
  COUNT_IF(("SSN" IS NOT NULL AND NOT REGEXP_LIKE(lower(trim("SSN")), '^([*#x]*|redacted|\\[redacted\\]|<redacted>|\\(redacted\\))$'))) AS m6,
  COUNT_IF(NOT ("ORDER_COUNT" > 0)) AS m7,
  COUNT_IF(NOT ("REVENUE_USD" >= 0)) AS m8,
  ((count(*) > 0)) AS m9,
  COUNT_IF(NOT (("REVENUE_USD" / NULLIF("ORDER_COUNT", 0)) < 1000)) AS m10,
  COUNT_IF(NOT (((("ORDER_COUNT" * 1000) + 1) > 0) AND (("ORDER_COUNT" % NULLIF(7, 0)) <> 3))) AS m11,
  COUNT_IF(NOT ((NOT ("ORDER_ID" LIKE 'test\\_%' ESCAPE '\\')) AND ("ORDER_ID" <> 'it''s a\\b'))) AS m12,
  COUNT_IF(NOT ("DAY" >= DATE '2020-01-01')) AS m13,
  COUNT_IF(NOT (round(greatest_ignore_nulls("REVENUE_USD", 0), 1) < 1000000)) AS m14
FROM "DOMAIN_ORDERS"."PUBLIC"."ORDERS_DAILY"
WHERE "DAY" >= TO_DATE(?, 'YYYY-MM-DD')
-- parameters: ['2024-06-07']
