// Which models use a platform? (exists() around a pattern)
MATCH (m:Model) WHERE exists((m)-[:USES_PLATFORM]->()) RETURN m.id ORDER BY m.id
