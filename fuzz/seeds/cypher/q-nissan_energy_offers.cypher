// What does Nissan Energy offer?
MATCH (:Program {name: 'Nissan Energy'})-[:OFFERS]->(t)
WITH t ORDER BY t.name
RETURN collect(t.name) AS offers
