// Which targets are near-term and which long-term?
MATCH (t:Target)
RETURN t.name, CASE WHEN t.year <= 2030 THEN 'near' ELSE 'long' END AS horizon
ORDER BY t.year DESC, t.name LIMIT 2
