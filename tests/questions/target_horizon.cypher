// Which targets with a deadline are near-term and which long-term?
MATCH (t:Target) WHERE t.year IS NOT NULL
RETURN t.name, CASE WHEN t.year <= 2030 THEN 'near' ELSE 'long' END AS horizon
ORDER BY t.year DESC, t.name LIMIT 2
