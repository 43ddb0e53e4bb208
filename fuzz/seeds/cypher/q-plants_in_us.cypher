// Which plants are in the US (through the region hierarchy)?
MATCH (p:Plant)-[:LOCATED_IN*1..3]->(r:Region {name: 'US'}) RETURN p.name
