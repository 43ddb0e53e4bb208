// Who does Nissan partner with?
MATCH (:Company {id: 'nissan'})-[:PARTNERS_WITH]->(p:Partner) RETURN p.name ORDER BY p.name
