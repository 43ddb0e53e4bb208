// Which partner is not in the alliance?
MATCH (:Company {id: 'nissan'})-[:PARTNERS_WITH]->(p) WHERE NOT (p)-[:MEMBER_OF]->(:Alliance) RETURN p.name
