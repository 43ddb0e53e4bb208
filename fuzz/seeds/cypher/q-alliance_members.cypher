// Who belongs to the alliance?
MATCH (c:Company)-[:MEMBER_OF]->(a:Alliance) RETURN a.name AS alliance, c.name AS member ORDER BY member
