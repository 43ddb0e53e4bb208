// What does the alliance share?
MATCH (a:Alliance)-[s:SHARES]->(x) RETURN x.name, s.aspect ORDER BY s.aspect
