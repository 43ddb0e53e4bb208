// Who are Nissan's rivals?
MATCH (:Company {name: 'Nissan'})-[:COMPETES_WITH]->(r) RETURN r.name ORDER BY r.name
