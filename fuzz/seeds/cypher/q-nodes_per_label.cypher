// How many entities of each kind?
MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS nodes ORDER BY label
