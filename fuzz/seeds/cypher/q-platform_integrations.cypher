// What do the new platforms integrate?
MATCH (:Platform {id: 'new-platforms'})-[:INTEGRATES]->(t:Technology) RETURN t.name ORDER BY t.name
