// What has Nissan pledged, largest first?
MATCH (:Company {id: 'nissan'})-[:INVESTS_IN]->(i:Investment)
WHERE i.amount IS NOT NULL
RETURN i.name, i.amount, i.currency ORDER BY i.amount DESC
