// Which document sections mention the Ariya's relationships?
MATCH (m:Model {id: 'ariya'})-[r]-() RETURN DISTINCT r.source AS section ORDER BY section
