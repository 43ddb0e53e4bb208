// Which upcoming models target which markets?
MATCH (m:Model)-[:TARGETS_MARKET]->(r:Region) RETURN r.name AS market, collect(m.name) AS models ORDER BY market
