/* meshwatch */ SELECT
  count(*) AS m0,
  COUNTIF(`order_id` IS NULL) AS m1,
  COUNTIF(`customer_id` IS NULL) AS m2,
  COUNTIF(`order_id` IS NOT NULL AND `customer_id` IS NOT NULL) AS m3,
  COUNTIF((`customer_id` IS NOT NULL AND NOT REGEXP_CONTAINS(`customer_id`, '^(?:[0-9a-fA-F]{32,128})$'))) AS m4,
  COUNTIF((`email` IS NOT NULL AND trim(`email`) <> '' AND NOT REGEXP_CONTAINS(`email`, '[*#Xx]{3}'))) AS m5,
  COUNTIF((`ssn` IS NOT NULL AND NOT REGEXP_CONTAINS(lower(trim(`ssn`)), '^(?:[*#x]*|redacted|\\[redacted\\]|<redacted>|\\(redacted\\))$'))) AS m6,
  COUNTIF(NOT ((CAST(`order_count` AS BIGNUMERIC) * CAST(3000000000 AS BIGNUMERIC)) < 9000000000000000000)) AS m7,
  COUNTIF(NOT ((MOD(CAST(`order_count` AS BIGNUMERIC), NULLIF(CAST(2 AS BIGNUMERIC), 0)) = 0) OR (`order_count` IS NULL))) AS m8,
  COUNTIF(NOT (ROUND(SAFE_DIVIDE(`revenue_usd`, 3), 2) >= (-2))) AS m9,
  COUNTIF(NOT ((`email` LIKE '%@%') OR (LOWER(`email`) LIKE LOWER('n/a')))) AS m10,
  COUNTIF(NOT ((`updated_at` >= '2024-01-01 00:00:00.000000') AND (`day` BETWEEN '2024-01-01' AND '2030-12-31'))) AS m11,
  COUNTIF(NOT (coalesce(`revenue_usd`, 0) IN (0, 5, 10.5))) AS m12,
  COUNTIF(NOT (`ssn` <> 'it\'s \\\\ n/a')) AS m13,
  COUNTIF(NOT ((least(COALESCE(`order_count`, 10, `revenue_usd`), COALESCE(10, `revenue_usd`, `order_count`), COALESCE(`revenue_usd`, `order_count`, 10)) >= 0) AND (greatest(COALESCE(`order_count`, 1), COALESCE(1, `order_count`)) < 1000))) AS m14,
  COUNTIF(NOT ((length(trim(lower(`email`))) <= 320) AND (upper(`order_id`) <> ''))) AS m15,
  ((count(DISTINCT `customer_id`) <= count(*))) AS m16,
  ((abs((sum(`revenue_usd`) - sum((CASE WHEN (`order_count` > 0) THEN `revenue_usd` ELSE 0 END)))) < 0.01)) AS m17
FROM `analytics-prod`.`domain_orders`.`orders_daily`
WHERE `updated_at` >= ?
-- parameters: [2024-06-10T00:00 (LocalDateTime)]
