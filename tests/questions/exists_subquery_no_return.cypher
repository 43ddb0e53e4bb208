// Which carmakers launched no model before 2015? (NOT EXISTS over a full subquery without RETURN)
MATCH (c:Company) WHERE NOT EXISTS { MATCH (c)-[:MAKES]->(m) WHERE m.launched < 2015 } AND EXISTS { (c)-[:MAKES]->() } RETURN c.id ORDER BY c.id
