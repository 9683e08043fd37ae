// Reads a binlog from a MariaDB server with @vlasky/zongji, counting row changes until a target is reached.
// Usage: node count-rows.mjs HOST PORT USER PASSWORD FILE POSITION TARGET SERVER_ID
// Prints one line: rows=N elapsed_ms=T (timed from start() to the row that reaches the target).
import ZongJi from '@vlasky/zongji';

const [host, port, user, password, filename, position, target, serverId] = process.argv.slice(2);
if (serverId === undefined) {
  console.error('usage: node count-rows.mjs HOST PORT USER PASSWORD FILE POSITION TARGET SERVER_ID');
  process.exit(2);
}

const goal = Number(target);
const zongji = new ZongJi({ host, port: Number(port), user, password });
let rows = 0;
const started = process.hrtime.bigint();

zongji.on('binlog', (event) => {
  if (event.rows === undefined) {
    return;
  }
  rows += event.rows.length;
  if (rows >= goal) {
    const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(`rows=${rows} elapsed_ms=${elapsedMs.toFixed(1)}`);
    zongji.stop();
    process.exit(0);
  }
});

zongji.on('error', (error) => {
  console.error(`zongji failed after ${rows} rows: ${error.message}`);
  process.exit(1);
});

zongji.start({
  serverId: Number(serverId),
  filename,
  position: Number(position),
  includeEvents: ['tablemap', 'writerows', 'updaterows', 'deleterows'],
});
