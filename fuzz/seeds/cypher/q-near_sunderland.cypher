// What sits near the Sunderland plant?
MATCH (p:Plant)-[:NEAR]->(:Plant {id: 'sunderland-plant'}) RETURN p.name
