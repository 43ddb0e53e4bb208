// Which facilities are in Japan?
MATCH (p:Plant)-[:LOCATED_IN]->(:Region {name: 'Japan'}) RETURN p.name ORDER BY p.name
