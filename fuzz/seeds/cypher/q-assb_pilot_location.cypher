// Where is the solid-state battery piloted?
MATCH (t:Technology {id: 'all-solid-state-battery'})<-[:PRODUCES]-(plant)-[:LOCATED_IN]->(r) RETURN plant.name, r.name
