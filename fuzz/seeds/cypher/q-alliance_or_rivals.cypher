// Which companies are alliance members or rivals?
MATCH (c:Company)-[:MEMBER_OF]->() RETURN c.name AS name
UNION
MATCH (c:Company)<-[:COMPETES_WITH]-() RETURN c.name AS name
