// Which platform does each model use, if any?
MATCH (m:Model) OPTIONAL MATCH (m)-[:USES_PLATFORM]->(p) RETURN m.name, p.name ORDER BY m.name
