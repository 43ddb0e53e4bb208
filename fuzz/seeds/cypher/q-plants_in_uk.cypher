// Which plants are in the UK?
MATCH (p:Plant)-[:LOCATED_IN*1..2]->(:Region {id: 'uk'}) RETURN p.name ORDER BY p.name
