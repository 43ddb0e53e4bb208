// When was Ambition 2030 announced, and by whom?
MATCH (c:Company)-[a:ANNOUNCED]->(p:Program) RETURN c.name, p.name, a.year
