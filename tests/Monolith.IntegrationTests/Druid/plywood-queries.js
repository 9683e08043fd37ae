'use strict';

// Runs plywood's queries against a Druid-compatible broker and prints their answers as one JSON object.
// Usage: node plywood-queries.js HOST:PORT DATASOURCE START END
// Plywood plans each expression into Druid native queries (engine 'druid': timeseries, topN, groupBy with
// timeFormat extraction and expression post-aggregators) or into Druid SQL (engine 'druidsql'); the integration
// test compares the answers with MariaDB's aggregates over the source table.

const { External, $, ply } = require('plywood');
const { druidRequesterFactory } = require('plywood-druid-requester');

const [host, source, start, end] = process.argv.slice(2);
if (!host || !source || !start || !end) {
  console.error('usage: node plywood-queries.js HOST:PORT DATASOURCE START END');
  process.exit(2);
}

const requester = druidRequesterFactory({ host, timeout: 30000 });
const attributes = [
  { name: '__time', type: 'TIME' },
  { name: 'region', type: 'STRING' },
  { name: 'n', type: 'NUMBER', unsplitable: true },
  { name: 'amount', type: 'NUMBER', unsplitable: true },
  { name: 'max_amount', type: 'NUMBER', unsplitable: true },
  { name: 'min_amount', type: 'NUMBER', unsplitable: true },
];

function external(engine) {
  return External.fromJS({
    engine,
    source,
    timeAttribute: '__time',
    attributes,
    version: '28.0.0',
  }, requester);
}

function queries() {
  const main = $('main').filter($('__time').overlap({ start: new Date(start), end: new Date(end) }));
  return ply()
    .apply('main', main)
    .apply('n', '$main.sum($n)')
    .apply('amount', '$main.sum($amount)')
    .apply('max_amount', '$main.max($max_amount)')
    .apply('north_amount', '$main.filter($region == "north").sum($amount)')
    .apply('mean_amount', '$main.sum($amount) / $main.sum($n)')
    .apply('regions', $('main').split('$region', 'region')
      .apply('n', '$main.sum($n)')
      .apply('amount', '$main.sum($amount)')
      .apply('min_amount', '$main.min($min_amount)')
      .sort('$region', 'ascending')
      .limit(100))
    .apply('top_regions', $('main').split('$region', 'region')
      .apply('amount', '$main.sum($amount)')
      .sort('$amount', 'descending')
      .limit(2))
    .apply('days', $('main').split('$__time.timeBucket(P1D)', 'day')
      .apply('n', '$main.sum($n)')
      .apply('amount', '$main.sum($amount)')
      .sort('$day', 'ascending')
      .limit(1000))
    .apply('days_regions', $('main').split({ day: '$__time.timeBucket(P1D)', region: '$region' })
      .apply('n', '$main.sum($n)')
      .sort('$n', 'descending')
      .limit(10000));
}

// Plywood's datasets and time ranges become plain JSON: times as ISO strings, splits as arrays of rows.
function plain(value) {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value.toJS === 'function' && value.constructor && value.constructor.name === 'Dataset') {
    return value.data.map(plain);
  }
  if (value.constructor && value.constructor.name === 'TimeRange') return value.start.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object') {
    const out = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key !== 'main') out[key] = plain(inner);
    }
    return out;
  }
  return value;
}

async function main() {
  const answers = {};
  for (const engine of ['druid', 'druidsql']) {
    const data = await queries().compute({ main: external(engine) });
    answers[engine] = plain(data).at(0);
  }
  process.stdout.write(JSON.stringify(answers));
}

main().catch(e => {
  console.error(`plywood failed: ${e.message}`);
  if (e.query) console.error(`query: ${JSON.stringify(e.query)}`);
  process.exit(1);
});
