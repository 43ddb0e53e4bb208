// Which targets reach beyond 2030?
MATCH (:Company {id: 'nissan'})-[:SETS_TARGET]->(t:Target) WHERE t.year > 2030 RETURN t.name, t.scope
