// Who builds the battery gigafactory near Sunderland?
MATCH (c:Company)-[:BUILDS]->(f:Plant)-[:NEAR]->(s:Plant {name: 'Sunderland plant'})
RETURN c.name ORDER BY c.name
