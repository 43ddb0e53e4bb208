// Which models are built on the CMF-EV platform?
MATCH (m:Model)-[:USES_PLATFORM]->(p:Platform {name: 'CMF-EV'}) RETURN m.name AS model ORDER BY model
