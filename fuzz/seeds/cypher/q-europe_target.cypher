// What is the target for Europe?
MATCH (t:Target)-[:APPLIES_TO]->(:Region {name: 'Europe'}) RETURN t.value, t.unit, t.year
