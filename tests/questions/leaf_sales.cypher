// Which model sold at least 500,000 units, and when did it launch?
MATCH (m:Model)-[s:SOLD_IN]->() WHERE s.units_sold >= 500000 RETURN m.name, s.units_sold, m.launched
