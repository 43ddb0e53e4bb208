// How many models does each company make?
MATCH (c:Company)-[:MAKES]->(m:Model) RETURN c.name, count(m) AS models ORDER BY models DESC, c.name
