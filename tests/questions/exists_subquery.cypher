// Which companies make at least two models? (a full EXISTS subquery, counting per company)
MATCH (c:Company) WHERE EXISTS { MATCH (c)-[:MAKES]->(m) WITH count(m) AS n WHERE n >= 2 RETURN n } RETURN c.id ORDER BY c.id
