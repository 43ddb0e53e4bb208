// Which models launched, in order?
MATCH (m:Model) WHERE m.launched IS NOT NULL RETURN m.name, m.launched ORDER BY m.launched
