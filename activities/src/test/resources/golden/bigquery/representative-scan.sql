/* meshwatch */ SELECT
  count(*) AS m0,
  COUNTIF(`order_id` IS NULL) AS m1,
  COUNTIF(`customer_id` IS NULL) AS m2,
  COUNTIF(`order_id` IS NOT NULL AND `customer_id` IS NOT NULL) AS m3,
  COUNTIF((`customer_id` IS NOT NULL AND NOT REGEXP_CONTAINS(`customer_id`, '^(?:[0-9a-fA-F]{32,128})$'))) AS m4,
  COUNTIF((`email` IS NOT NULL AND trim(`email`) <> '' AND NOT REGEXP_CONTAINS(`email`, '[*#Xx]{3}'))) AS m5,
  COUNTIF((`ssn` IS NOT NULL AND NOT REGEXP_CONTAINS(lower(trim(`ssn`)), '^(?:[*#x]*|redacted|\\[redacted\\]|<redacted>|\\(redacted\\))$'))) AS m6,
  COUNTIF(NOT (`order_count` > 0)) AS m7,
  COUNTIF(NOT (`revenue_usd` >= 0)) AS m8,
  ((count(*) > 0)) AS m9,
  COUNTIF(NOT (SAFE_DIVIDE(`revenue_usd`, `order_count`) < 1000)) AS m10,
  COUNTIF(NOT ((((CAST(`order_count` AS BIGNUMERIC) * CAST(1000 AS BIGNUMERIC)) + CAST(1 AS BIGNUMERIC)) > 0) AND (MOD(CAST(`order_count` AS BIGNUMERIC), NULLIF(CAST(7 AS BIGNUMERIC), 0)) <> 3))) AS m11,
  COUNTIF(NOT ((NOT (`order_id` LIKE 'test\\_%')) AND (`order_id` <> 'it\'s a\\b'))) AS m12,
  COUNTIF(NOT (`day` >= '2020-01-01')) AS m13,
  COUNTIF(NOT (ROUND(greatest(COALESCE(`revenue_usd`, 0), COALESCE(0, `revenue_usd`)), 1) < 1000000)) AS m14
FROM `analytics-prod`.`domain_orders`.`orders_daily`
WHERE `day` >= ?
-- parameters: [2024-06-07 (LocalDate)]
