// What does Ambition 2030 commit to, and by when?
MATCH (:Program {name: 'Nissan Ambition 2030'})-[:SETS_TARGET]->(t:Target)
RETURN t.name, t.value, t.unit, t.year ORDER BY t.value
