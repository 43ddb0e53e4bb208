// Technologies whose name starts with S
MATCH (t:Technology) WHERE t.name STARTS WITH 'S' RETURN t.name ORDER BY t.name
