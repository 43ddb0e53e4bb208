// Which model sold at least 500,000 units, and when did it launch?
MATCH (m:Model) WHERE m.units_sold >= 500000 RETURN m.name, m.units_sold, m.launched
