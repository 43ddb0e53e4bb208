// Which alliance shares the platform a model uses?
MATCH (m:Model)-[:USES_PLATFORM]->()<-[:SHARES]-(a:Alliance) RETURN DISTINCT a.name
