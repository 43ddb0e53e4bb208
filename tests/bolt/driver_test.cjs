// The JavaScript driver (neo4j-driver from npm) against `evroad serve --bolt` (run by .ci/bolt.sh).
// Usage: node driver_test.cjs RW_URL TOKEN_URL TOKEN
'use strict';
const assert = require('node:assert/strict');
const neo4j = require('neo4j-driver');

const [rwUrl, tokenUrl, token] = process.argv.slice(2);

async function check(name, f) {
  await f();
  console.log(`ok - ${name}`);
}

async function main() {
  console.log(`neo4j-driver ${require('neo4j-driver/package.json').version}`);
  const driver = neo4j.driver(rwUrl, neo4j.auth.basic('neo4j', 'unused'));
  try {
    await check('connect', () => driver.verifyConnectivity());

    await check('query with parameters', async () => {
      const { records, keys } = await driver.executeQuery(
        'MATCH (m:Model) WHERE m.id = $id AND m.launched >= $year RETURN m.name AS name, $list AS list, $map AS map',
        { id: 'leaf', year: neo4j.int(2000), list: [1, 'a', null], map: { k: true } },
      );
      assert.deepEqual(keys, ['name', 'list', 'map']);
      assert.equal(records.length, 1);
      assert.equal(records[0].get('name'), 'Nissan LEAF');
      assert.deepEqual(records[0].get('list'), [1, 'a', null]);
      assert.deepEqual(records[0].get('map'), { k: true });
    });

    await check('node result', async () => {
      const session = driver.session();
      try {
        const result = await session.run("MATCH (m:Model {id: 'ariya'})-[r:USES_PLATFORM]->(p) RETURN m, r");
        const m = result.records[0].get('m');
        const r = result.records[0].get('r');
        assert.ok(neo4j.isNode(m));
        assert.deepEqual(m.labels, ['Model']);
        assert.equal(m.properties.name, 'Nissan Ariya');
        assert.equal(m.elementId, 'ariya');
        assert.ok(neo4j.isRelationship(r));
        assert.equal(r.type, 'USES_PLATFORM');
        assert.equal(r.startNodeElementId, 'ariya');
        assert.equal(result.summary.queryType, 'r');
      } finally {
        await session.close();
      }
    });

    await check('a failure', async () => {
      const session = driver.session();
      try {
        await assert.rejects(session.run('MATCH (n RETURN n'), (e) => {
          assert.equal(e.code, 'Neo.ClientError.Statement.SyntaxError');
          return true;
        });
        // The session recovers after the failure.
        const again = await session.run('RETURN 1 AS x');
        assert.equal(again.records[0].get('x').toNumber(), 1);
      } finally {
        await session.close();
      }
    });

    await check('transaction rolled back', async () => {
      const session = driver.session();
      try {
        const tx = session.beginTransaction();
        await tx.run("CREATE (:Scratch {id: 'js-rollback'})");
        await tx.rollback();
        const r = await session.run("MATCH (n {id: 'js-rollback'}) RETURN count(n) AS c");
        assert.equal(r.records[0].get('c').toNumber(), 0);
      } finally {
        await session.close();
      }
    });
  } finally {
    await driver.close();
  }

  await check('token as the password', async () => {
    const good = neo4j.driver(tokenUrl, neo4j.auth.basic('anyone', token));
    const bad = neo4j.driver(tokenUrl, neo4j.auth.basic('anyone', 'wrong'));
    try {
      const { records } = await good.executeQuery('RETURN 6 * 7 AS x');
      assert.equal(records[0].get('x').toNumber(), 42);
      await assert.rejects(bad.verifyConnectivity(), (e) => {
        assert.equal(e.code, 'Neo.ClientError.Security.Unauthorized');
        return true;
      });
    } finally {
      await good.close();
      await bad.close();
    }
  });
}

main().then(
  () => console.log('JavaScript driver: all passed'),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
