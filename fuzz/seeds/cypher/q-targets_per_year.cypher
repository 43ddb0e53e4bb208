// How many targets fall in each year?
MATCH (t:Target) RETURN t.year AS year, count(*) AS targets ORDER BY year
